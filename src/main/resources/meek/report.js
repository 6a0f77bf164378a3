// report.html: hovering a fan chart shows the quantiles of the gap at that year. Each fan's data (the rows of
// its CSV) and where its plot area lies in the SVG are in a JSON block beside it. Opening the file with
// #year=2030 shows that year on every fan (for links, and for the browser test).
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function fmt(v) {
    return v === null ? 'not finite' : Number(v).toPrecision(3);
  }
  var fans = document.querySelectorAll('figure.fan');
  var shows = [];
  fans.forEach(function (fig) {
    var data = JSON.parse(fig.querySelector('script.fan-data').textContent);
    var svg = fig.querySelector('svg');
    var tip = fig.querySelector('.fan-tip');
    var cursor = document.createElementNS(SVG_NS, 'line');
    cursor.setAttribute('class', 'fan-cursor');
    cursor.setAttribute('y1', data.top);
    cursor.setAttribute('y2', data.bottom);
    cursor.style.display = 'none';
    svg.appendChild(cursor);
    function hide() {
      cursor.style.display = 'none';
      tip.textContent = '';
    }
    function show(year) {
      var best = data.rows[0];
      data.rows.forEach(function (r) {
        if (Math.abs(r[0] - year) < Math.abs(best[0] - year)) {
          best = r;
        }
      });
      var x = data.left + (best[0] - data.lower) / (data.upper - data.lower) * (data.right - data.left);
      cursor.setAttribute('x1', x);
      cursor.setAttribute('x2', x);
      cursor.style.display = '';
      // columns: year, p5, p10, p25, p50, p75, p90, p95
      tip.textContent = best[0].toFixed(2).replace(/\.?0+$/, '') + ': median ' + fmt(best[4]) + ' ' + data.unit
        + '\n50%: ' + fmt(best[3]) + '–' + fmt(best[5])
        + '\n80%: ' + fmt(best[2]) + '–' + fmt(best[6])
        + '\n90%: ' + fmt(best[1]) + '–' + fmt(best[7]);
      fig.setAttribute('data-year', String(best[0]));
    }
    svg.addEventListener('mousemove', function (e) {
      var ctm = svg.getScreenCTM();
      if (!ctm) {
        return;
      }
      var p = svg.createSVGPoint();
      p.x = e.clientX;
      p.y = e.clientY;
      var at = p.matrixTransform(ctm.inverse());
      if (at.x < data.left || at.x > data.right) {
        hide();
        return;
      }
      show(data.lower + (at.x - data.left) / (data.right - data.left) * (data.upper - data.lower));
    });
    svg.addEventListener('mouseleave', hide);
    shows.push(show);
  });
  var asked = /(?:^#|&)year=([0-9.]+)/.exec(window.location.hash);
  if (asked) {
    shows.forEach(function (show) {
      show(parseFloat(asked[1]));
    });
  }
  document.body.setAttribute('data-fans-ready', String(shows.length));
})();
