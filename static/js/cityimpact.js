/* cityimpact: outcome charts (Chart.js) and the network graph (Cytoscape.js). No inline scripts. */
(function () {
  "use strict";

  function drawOutcomeCharts() {
    var source = document.getElementById("outcome-series");
    if (!source || typeof window.Chart === "undefined") return;
    var series = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var s = series[Number(canvas.dataset.chart)];
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: s.points.map(function (p) { return p.year; }),
          datasets: [{ label: s.metric, data: s.points.map(function (p) { return p.value; }),
                       borderColor: "#0b4f8a", backgroundColor: "#0b4f8a" }]
        },
        options: { responsive: true, plugins: { tooltip: { enabled: true } } }
      });
    });
  }

  function drawIndicatorCharts() {
    var source = document.getElementById("indicator-series");
    if (!source || typeof window.Chart === "undefined") return;
    var series = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-indicator-chart]").forEach(function (canvas) {
      var s = series[Number(canvas.dataset.indicatorChart)];
      var labels = s.points.map(function (p) { return p.date.slice(0, 4); });
      var values = s.points.map(function (p) { return p.value; });
      var datasets = [{ label: s.label + " (" + s.unit + ")", data: values,
                        borderColor: "#0b4f8a", backgroundColor: "#0b4f8a" }];
      if (s.target !== null) {
        labels.push(String(s.target_year));
        datasets.push({ label: "→ " + s.target_year, data: values.map(function () { return null; }).concat([s.target]),
                        borderColor: "#1b6e3a", backgroundColor: "#1b6e3a", pointStyle: "star", pointRadius: 7 });
      }
      new window.Chart(canvas, { type: "line", data: { labels: labels, datasets: datasets },
                                 options: { responsive: true, spanGaps: true } });
    });
  }

  // Charts whose whole Chart.js specification the server wrote into a json_script element.
  function drawSpecCharts() {
    if (typeof window.Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart-spec]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartSpec);
      if (source) new window.Chart(canvas, JSON.parse(source.textContent));
    });
  }

  var COLOURS = { initiative: "#0b4f8a", organisation: "#1b6e3a", city: "#a34a00" };

  function drawGraph() {
    var container = document.getElementById("graph");
    if (!container || typeof window.cytoscape === "undefined") return;
    fetch(container.dataset.source, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var elements = data.nodes.map(function (n) { return { data: n }; }).concat(
          data.edges.map(function (e, i) { return { data: { id: "e" + i, source: e.source, target: e.target } }; })
        );
        var cy = window.cytoscape({
          container: container,
          elements: elements,
          layout: { name: "cose", animate: false, nodeRepulsion: 8000 },
          style: [
            { selector: "node", style: {
                "background-color": function (n) { return COLOURS[n.data("kind")] || "#555"; },
                "label": "data(label)", "font-size": 9, "text-wrap": "wrap", "text-max-width": 90,
                "width": function (n) { return n.data("kind") === "initiative" ? 22 : 12; },
                "height": function (n) { return n.data("kind") === "initiative" ? 22 : 12; } } },
            { selector: "edge", style: { "width": 1, "line-color": "#b8c2cc" } },
            { selector: ".faded", style: { "opacity": 0.15 } }
          ]
        });
        var status = document.getElementById("graph-selection");
        cy.on("tap", "node", function (event) {
          var node = event.target;
          if (node.selected() && node.data("url")) { window.location.href = node.data("url"); return; }
          cy.elements().addClass("faded");
          node.closedNeighborhood().removeClass("faded");
          if (status) status.textContent = node.data("label") + " — " + node.degree() + " links";
        });
        cy.on("tap", function (event) { if (event.target === cy) cy.elements().removeClass("faded"); });
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawOutcomeCharts();
    drawIndicatorCharts();
    drawSpecCharts();
    drawGraph();
  });
})();
