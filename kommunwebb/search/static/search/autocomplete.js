/* Kommunwebb – suggestions under the search boxes, as an ARIA 1.2 combobox with a listbox
   popup. Framework-free; without JavaScript the search form simply submits. Sends only
   the typed words to the site's own /sok/forslag/, and when a suggestion is taken, the
   typed words and the page's id to /sok/forslag/valt/ (counted per day for the editors,
   nothing about the visitor); stores nothing. */
(function () {
    "use strict";

    var script = document.currentScript;
    if (!script || !window.fetch || !document.querySelector) {
        return;
    }
    var config = script.dataset;
    var MIN_LENGTH = 2;
    var DELAY = 150;
    var counter = 0;

    function loadStyles() {
        if (!config.css || document.querySelector('link[href="' + config.css + '"]')) {
            return;
        }
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = config.css;
        document.head.appendChild(link);
    }

    function Combobox(input) {
        counter += 1;
        this.input = input;
        this.form = input.form;
        this.id = "kw-suggest-" + counter;
        this.items = [];
        this.active = -1;
        this.cache = {};
        this.timer = null;
        this.controller = null;
        this.lastQuery = "";

        this.listbox = document.createElement("ul");
        this.listbox.id = this.id;
        this.listbox.className = "kw-suggest";
        this.listbox.setAttribute("role", "listbox");
        this.listbox.setAttribute("aria-label", config.labelList || "");
        this.listbox.hidden = true;

        this.status = document.createElement("div");
        this.status.className = "visually-hidden";
        this.status.setAttribute("role", "status");
        this.status.setAttribute("aria-live", "polite");

        this.form.classList.add("kw-suggest-host");
        this.form.appendChild(this.listbox);
        this.form.appendChild(this.status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", this.id);
        input.setAttribute("autocomplete", "off");

        input.addEventListener("input", this.onInput.bind(this));
        input.addEventListener("keydown", this.onKeyDown.bind(this));
        input.addEventListener("blur", this.close.bind(this));
        // Keep focus in the input while an option is clicked.
        this.listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        this.listbox.addEventListener("click", this.onClick.bind(this));
    }

    Combobox.prototype.onInput = function () {
        var query = this.input.value.trim();
        window.clearTimeout(this.timer);
        if (query.length < MIN_LENGTH) {
            this.render([]);
            return;
        }
        this.timer = window.setTimeout(this.fetch.bind(this, query), DELAY);
    };

    Combobox.prototype.fetch = function (query) {
        var self = this;
        this.lastQuery = query;
        if (this.cache[query]) {
            this.render(this.cache[query]);
            return;
        }
        if (this.controller) {
            this.controller.abort();
        }
        this.controller = window.AbortController ? new AbortController() : null;
        window
            .fetch(config.url + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "application/json" },
                credentials: "omit",
                signal: this.controller ? this.controller.signal : undefined
            })
            .then(function (response) {
                return response.ok ? response.json() : { results: [] };
            })
            .then(function (data) {
                var results = (data && data.results) || [];
                self.cache[query] = results;
                // An answer to an older query must not replace a newer one.
                if (query === self.lastQuery && self.input.value.trim() === query) {
                    self.render(results);
                }
            })
            .catch(function () {
                /* offline or aborted: the form still works */
            });
    };

    Combobox.prototype.render = function (results) {
        var self = this;
        this.items = results;
        this.active = -1;
        this.input.removeAttribute("aria-activedescendant");
        while (this.listbox.firstChild) {
            this.listbox.removeChild(this.listbox.firstChild);
        }
        results.forEach(function (result, index) {
            var option = document.createElement("li");
            option.id = self.id + "-" + index;
            option.className = "kw-suggest__option";
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.dataset.index = String(index);
            var title = document.createElement("span");
            title.className = "kw-suggest__title";
            title.textContent = result.title;
            option.appendChild(title);
            if (result.type) {
                var type = document.createElement("span");
                type.className = "kw-suggest__type";
                type.textContent = result.type;
                option.appendChild(document.createTextNode(" "));
                option.appendChild(type);
            }
            self.listbox.appendChild(option);
        });
        if (results.length && document.activeElement === this.input) {
            this.open();
            this.announce(results.length);
        } else {
            this.close();
            if (this.input.value.trim().length >= MIN_LENGTH && document.activeElement === this.input) {
                this.announce(0);
            }
        }
    };

    Combobox.prototype.announce = function (count) {
        var text = count === 0 ? config.statusNone : count === 1 ? config.statusOne : config.statusMany;
        this.status.textContent = (text || "").replace("%s", String(count));
    };

    Combobox.prototype.open = function () {
        if (!this.items.length) {
            return;
        }
        this.listbox.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        this.listbox.hidden = true;
        this.input.setAttribute("aria-expanded", "false");
        this.setActive(-1);
    };

    Combobox.prototype.isOpen = function () {
        return !this.listbox.hidden;
    };

    Combobox.prototype.setActive = function (index) {
        var options = this.listbox.children;
        if (this.active >= 0 && options[this.active]) {
            options[this.active].setAttribute("aria-selected", "false");
        }
        this.active = index;
        if (index >= 0 && options[index]) {
            options[index].setAttribute("aria-selected", "true");
            this.input.setAttribute("aria-activedescendant", options[index].id);
            if (options[index].scrollIntoView) {
                options[index].scrollIntoView({ block: "nearest" });
            }
        } else {
            this.input.removeAttribute("aria-activedescendant");
        }
    };

    Combobox.prototype.go = function (index) {
        var item = this.items[index];
        if (item && item.url) {
            this.close();
            this.report(item);
            window.location.assign(item.url);
        }
    };

    // Which suggestion was taken, for the editors' statistics. sendBeacon survives the
    // navigation that follows; the server reads nothing from it but these two values.
    Combobox.prototype.report = function (item) {
        if (!config.chosenUrl || !item.id || !navigator.sendBeacon) {
            return;
        }
        var body = JSON.stringify({ q: this.lastQuery, page: item.id });
        try {
            navigator.sendBeacon(config.chosenUrl, new Blob([body], { type: "text/plain" }));
        } catch (error) {
            // Counting is never worth an error for the visitor.
        }
    };

    Combobox.prototype.onKeyDown = function (event) {
        var count = this.items.length;
        switch (event.key) {
            case "ArrowDown":
            case "Down":
                if (!count) {
                    return;
                }
                event.preventDefault();
                if (!this.isOpen()) {
                    this.open();
                    this.setActive(0);
                } else {
                    this.setActive((this.active + 1) % count);
                }
                break;
            case "ArrowUp":
            case "Up":
                if (!count) {
                    return;
                }
                event.preventDefault();
                if (!this.isOpen()) {
                    this.open();
                    this.setActive(count - 1);
                } else {
                    this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
                }
                break;
            case "Enter":
                if (this.isOpen() && this.active >= 0) {
                    event.preventDefault();
                    this.go(this.active);
                }
                // Otherwise the form submits: a full search for what was typed.
                break;
            case "Escape":
            case "Esc":
                if (this.isOpen()) {
                    event.preventDefault();
                    this.close();
                } else if (this.input.value) {
                    event.preventDefault();
                    this.input.value = "";
                    this.render([]);
                }
                break;
            case "Tab":
                this.close();
                break;
            default:
                break;
        }
    };

    Combobox.prototype.onClick = function (event) {
        var option = event.target.closest ? event.target.closest("[role=option]") : null;
        if (option) {
            this.go(Number(option.dataset.index));
        }
    };

    function init() {
        loadStyles();
        var inputs = document.querySelectorAll('form[role="search"] input[name="q"]');
        Array.prototype.forEach.call(inputs, function (input) {
            if (input.form && !input.hasAttribute("role")) {
                new Combobox(input);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
