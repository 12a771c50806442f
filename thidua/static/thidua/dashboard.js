/* The unit dashboard's charts (Chart.js): data from the page's json_script, labels from the canvases. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var years = document.getElementById("chart-years"), perItem = document.getElementById("chart-items");
  var money = function (v) { return Number(v).toLocaleString("vi-VN"); };
  new Chart(years, {type: "bar", data: {labels: data.years, datasets: [
    {label: years.dataset.labelValue, data: data.value, backgroundColor: "#dc3545"},
    {label: years.dataset.labelMoney, data: data.money, backgroundColor: "#0d6efd"}]},
    options: {animation: false, scales: {y: {ticks: {callback: money}}}}});
  new Chart(perItem, {type: "bar", data: {labels: data.items, datasets: [
    {label: perItem.dataset.labelActivities, data: data.item_activities, backgroundColor: "#198754"}]},
    options: {animation: false, indexAxis: "y", plugins: {legend: {display: false}, tooltip: {callbacks: {
      title: function (items) { return items.length ? data.item_titles[items[0].dataIndex] : ""; }}}}}});
})();
