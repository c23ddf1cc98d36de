/* Kommunwebb – the little JavaScript the public site needs. Everything works without it;
   this only adds what cannot be done in HTML alone. No cookies, nothing sent anywhere. */
(function () {
    "use strict";

    /* Dismissible alerts. The close button is hidden in the HTML and shown here, because a
       dismissal has to be remembered for the rest of the visit: it is kept in sessionStorage
       (gone when the tab closes) under the alert's dismiss key, which changes when an editor
       updates the alert – so an updated alert shows again. Crisis alerts have no button. */
    var PREFIX = "kommunwebb:alert-dismissed:";

    function sessionStore() {
        try {
            var store = window.sessionStorage;
            store.setItem(PREFIX + "probe", "1");
            store.removeItem(PREFIX + "probe");
            return store;
        } catch (error) {
            return null; // storage blocked: the alert simply stays
        }
    }

    function updateRegion(region) {
        var visible = region.querySelectorAll(".alert:not([hidden])");
        region.hidden = visible.length === 0;
    }

    function initAlerts() {
        var region = document.querySelector("[data-alerts]");
        if (!region) {
            return;
        }
        var store = sessionStore();
        var alerts = region.querySelectorAll("[data-dismiss-key]");
        Array.prototype.forEach.call(alerts, function (alert) {
            var key = PREFIX + alert.getAttribute("data-dismiss-key");
            if (store && store.getItem(key)) {
                alert.hidden = true;
                return;
            }
            var button = alert.querySelector("[data-alert-close]");
            if (!button || !store) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                store.setItem(key, "1");
                alert.hidden = true;
                updateRegion(region);
                // Keep keyboard users near where they were: the next close button, else the
                // main content.
                var next = region.querySelector(".alert:not([hidden]) [data-alert-close]:not([hidden])");
                var main = document.getElementById("main");
                if (next) {
                    next.focus();
                } else if (main) {
                    main.focus();
                }
            });
        });
        updateRegion(region);
    }

    /* GET forms marked data-drop-empty (the calendar's filter) leave empty fields out of the
       address, so a shared link says only what was chosen: ?period=i-helgen&malgrupp=barn.
       Without JavaScript the empty fields are sent too, and mean the same. */
    function initFilterForms() {
        Array.prototype.forEach.call(document.querySelectorAll("form[data-drop-empty]"), function (form) {
            form.addEventListener("submit", function () {
                Array.prototype.forEach.call(form.elements, function (field) {
                    if (field.name && !field.disabled && field.value === "") {
                        field.disabled = true;
                    }
                });
            });
        });
        // Back to the page from the browser's cache: the fields work again.
        window.addEventListener("pageshow", function () {
            Array.prototype.forEach.call(document.querySelectorAll("form[data-drop-empty] [disabled]"), function (field) {
                field.disabled = false;
            });
        });
    }

    /* Disclosures marked data-open-from="64rem" start open on screens at least that wide
       (the calendar's filter beside its results); on a phone they stay closed, results first. */
    function initDisclosures() {
        if (!window.matchMedia) {
            return;
        }
        Array.prototype.forEach.call(document.querySelectorAll("details[data-open-from]"), function (details) {
            if (window.matchMedia("(min-width: " + details.getAttribute("data-open-from") + ")").matches) {
                details.open = true;
            }
        });
    }

    function init() {
        initAlerts();
        initFilterForms();
        initDisclosures();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

/* The main menu (templates/includes/primary_nav.html). Without JavaScript it already works:
   each service area is a <details> that opens with Enter or Space, and on a phone the menu is
   a plain list. This adds the rest of the disclosure pattern:
   - on a phone, the list folds behind the "Meny" button (aria-expanded tells its state);
   - Escape closes what is open and puts focus back on what opened it;
   - clicking outside the menu or tabbing out of it closes the open panel, so it never
     covers the page;
   - only one panel is open at a time, also in browsers that ignore <details name>. */
(function () {
    "use strict";

    function initMenu() {
        var nav = document.querySelector("[data-menu]");
        if (!nav) {
            return;
        }
        var toggle = nav.querySelector("[data-menu-toggle]");
        var list = document.getElementById(toggle ? toggle.getAttribute("aria-controls") : "");
        var groups = nav.querySelectorAll("details");

        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            nav.classList.toggle("primary-nav--open", open);
        }

        if (toggle && list) {
            nav.classList.add("primary-nav--collapsible");
            toggle.hidden = false;
            setOpen(false);
            toggle.addEventListener("click", function () {
                setOpen(toggle.getAttribute("aria-expanded") !== "true");
            });
        }

        Array.prototype.forEach.call(groups, function (group) {
            group.addEventListener("toggle", function () {
                if (!group.open) {
                    return;
                }
                Array.prototype.forEach.call(groups, function (other) {
                    if (other !== group && other.open) {
                        other.open = false;
                    }
                });
            });
        });

        function closeGroups() {
            Array.prototype.forEach.call(groups, function (group) {
                group.open = false;
            });
        }

        /* Only when focus leaves the whole menu: closing a panel as focus moves to the next
           area would shift the phone's accordion under the finger between press and release. */
        nav.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !nav.contains(event.relatedTarget)) {
                closeGroups();
            }
        });

        nav.addEventListener("keydown", function (event) {
            if (event.key !== "Escape") {
                return;
            }
            var open = nav.querySelector("details[open]");
            if (open) {
                open.open = false;
                open.querySelector("summary").focus();
                event.preventDefault();
            } else if (toggle && toggle.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                toggle.focus();
                event.preventDefault();
            }
        });

        document.addEventListener("click", function (event) {
            if (!nav.contains(event.target)) {
                closeGroups();
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", initMenu);
    } else {
        initMenu();
    }
})();
