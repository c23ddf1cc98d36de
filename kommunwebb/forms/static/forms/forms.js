/* Form pages. Everything works without this file; it only smooths the edges. */
(function () {
    "use strict";

    /* A second click on "Skicka" while the first is on its way would send the form twice
       (the server would recognise it and show the same receipt, but there is no need). */
    function guardDoubleSubmit(form) {
        var button = form.querySelector(".city-form__submit");
        var label = button ? button.textContent : "";
        form.addEventListener("submit", function (event) {
            if (form.getAttribute("data-submitting") === "true") {
                event.preventDefault();
                return;
            }
            form.setAttribute("data-submitting", "true");
            if (button) {
                button.setAttribute("aria-disabled", "true");
                button.textContent = button.getAttribute("data-sending-text") || label;
            }
        });
        /* Back from the receipt (bfcache): the form is usable again. */
        window.addEventListener("pageshow", function () {
            form.removeAttribute("data-submitting");
            if (button) {
                button.removeAttribute("aria-disabled");
                button.textContent = label;
            }
        });
    }

    /* Links in the error summary: move focus to the field and show its label too. */
    function initErrorSummary(summary) {
        if (document.activeElement !== summary) {
            summary.focus();
        }
        summary.addEventListener("click", function (event) {
            var link = event.target.closest("a[href^='#']");
            if (!link) {
                return;
            }
            var input = document.getElementById(link.getAttribute("href").slice(1));
            if (!input) {
                return;
            }
            event.preventDefault();
            var container = input.closest(".field") || input;
            container.scrollIntoView();
            input.focus({ preventScroll: true });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("[data-city-form]"), guardDoubleSubmit);
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            initErrorSummary(summary);
        }
    });
})();
