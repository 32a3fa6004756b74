"""The global SDG framework: 17 goals, 169 targets and the global indicators."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals of the UN 2030 Agenda."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("Official colour, #RRGGBB."))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"

    def get_absolute_url(self) -> str:
        return reverse("sdg:goal", kwargs={"number": self.number})


class Target(models.Model):
    """A target of a goal, such as 11.6 (the environmental impact of cities)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    title = models.TextField(_("title"))
    position = models.PositiveSmallIntegerField(help_text="Order in the official list.")

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("sdg:target", kwargs={"code": self.code})


class Indicator(models.Model):
    """A global indicator that measures a target. The same indicator can be listed under
    several targets (1.5.1 = 11.5.1 = 13.1.1); such rows share their `unsd_code`."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="indicators")
    title = models.TextField(_("title"))
    unsd_code = models.CharField(_("UNSD code"), max_length=12, db_index=True)
    also_listed_as = models.CharField(_("also listed as"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(help_text="Order in the official list.")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("sdg:indicator", kwargs={"code": self.code})
