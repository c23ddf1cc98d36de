/* Kommunwebb statistics. Included only for visitors who accepted statistics (the page's
   consent state is "statistics"). Sends one beacon per page view, when the page is hidden
   or left: the path, a viewport class and how fast the page was for this visitor – TTFB,
   FCP, LCP, INP and CLS, measured by the browser's PerformanceObserver. The server answers
   the first beacon with the kw_vid cookie (a random visitor id, HttpOnly: this script
   never reads it). No dependencies, nothing sent anywhere but this site. */
(function () {
    "use strict";
    var script = document.currentScript;
    var endpoint = (script && script.getAttribute("data-endpoint")) || "/statistik/beacon";
    if (!navigator.sendBeacon) {
        return;
    }
    // The server rejects a beacon with any value outside these ranges; leave such values out.
    var MAX = { ttfb: 120000, fcp: 120000, lcp: 120000, inp: 60000, cls: 10 };
    var metrics = {};
    var flushers = [];
    var sent = false;
    var perf = window.performance;
    var nav = perf && perf.getEntriesByType ? perf.getEntriesByType("navigation")[0] : null;
    var activation = (nav && nav.activationStart) || 0;

    function since(time) {
        return Math.max(time - activation, 0);
    }

    function observe(type, each, options) {
        try {
            var observer = new PerformanceObserver(function (list) {
                list.getEntries().forEach(each);
            });
            options = options || {};
            options.type = type;
            options.buffered = true;
            observer.observe(options);
            flushers.push(function () {
                observer.takeRecords().forEach(each);
            });
        } catch (error) {
            // An older browser without this entry type: the metric is left out.
        }
    }

    if (nav) {
        metrics.ttfb = since(nav.responseStart);
    }
    observe("paint", function (entry) {
        if (entry.name === "first-contentful-paint") {
            metrics.fcp = since(entry.startTime);
        }
    });
    observe("largest-contentful-paint", function (entry) {
        metrics.lcp = since(entry.startTime);
    });

    // CLS: the largest burst of layout shifts (shifts less than 1 s apart, 5 s at most).
    var burst = 0;
    var burstStart = 0;
    var previous = 0;
    observe("layout-shift", function (entry) {
        if (entry.hadRecentInput) {
            return;
        }
        if (burst && entry.startTime - previous < 1000 && entry.startTime - burstStart < 5000) {
            burst += entry.value;
        } else {
            burst = entry.value;
            burstStart = entry.startTime;
        }
        previous = entry.startTime;
        metrics.cls = Math.max(metrics.cls || 0, burst);
    });

    // INP: the slowest interaction, ignoring one in fifty so a single hiccup on a long
    // visit does not decide it.
    var interactions = {};
    function interaction(entry) {
        if (entry.interactionId) {
            interactions[entry.interactionId] = Math.max(
                interactions[entry.interactionId] || 0,
                entry.duration
            );
        }
    }
    observe("event", interaction, { durationThreshold: 16 });
    observe("first-input", interaction);

    function viewport() {
        var width = window.innerWidth || document.documentElement.clientWidth;
        return width < 600 ? "s" : width < 1024 ? "m" : "l";
    }

    function send() {
        if (sent) {
            return;
        }
        sent = true;
        flushers.forEach(function (flush) {
            flush();
        });
        var durations = Object.keys(interactions)
            .map(function (id) {
                return interactions[id];
            })
            .sort(function (a, b) {
                return b - a;
            });
        if (durations.length) {
            metrics.inp = durations[Math.min(Math.floor(durations.length / 50), durations.length - 1)];
        }
        var data = { p: location.pathname, vp: viewport() };
        Object.keys(metrics).forEach(function (key) {
            var value = key === "cls" ? Math.round(metrics[key] * 10000) / 10000 : Math.round(metrics[key]);
            if (value >= 0 && value <= MAX[key]) {
                data[key] = value;
            }
        });
        navigator.sendBeacon(endpoint, JSON.stringify(data));
    }

    // Hidden is the last moment a page is sure to see (mobile browsers may never fire
    // pagehide); pagehide covers leaving a page that was never hidden first.
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") {
            send();
        }
    }, true);
    window.addEventListener("pagehide", send, true);
}());
