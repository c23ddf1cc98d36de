/* Kommunwebb – the cookie banner without a page reload. The banner is a plain form that
   works without JavaScript; this posts it in the background, shows a short confirmation
   and moves focus to it. It reads no device data and sets no cookie itself: the server's
   answer sets the consent cookie. Only after "Godkänn statistik" does it load the
   statistics script, which the page holds inert in a <template> until then. */
(function () {
    "use strict";

    var banner = document.querySelector("[data-consent-banner]");
    if (!banner || !window.fetch || !window.URLSearchParams) {
        return;
    }
    var form = banner.querySelector("[data-consent-form]");
    var question = banner.querySelector("[data-consent-question]");
    var done = banner.querySelector("[data-consent-done]");
    if (!form || !question || !done) {
        return;
    }

    function buttons() {
        return form.querySelectorAll("button");
    }

    function setBusy(busy) {
        Array.prototype.forEach.call(buttons(), function (button) {
            button.disabled = busy;
        });
    }

    /* If the background post fails, post the form the ordinary way: the server then shows
       what went wrong, in Swedish, on a page of its own. */
    function submitPlainly(choice) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "choice";
        input.value = choice;
        form.appendChild(input);
        setBusy(false);
        form.submit();
    }

    function loadStatistics() {
        var holder = banner.querySelector("template[data-consent-statistics]");
        if (!holder || !holder.content) {
            return;
        }
        Array.prototype.forEach.call(holder.content.querySelectorAll("script"), function (inert) {
            // A fresh element, because scripts parsed inside a <template> never run.
            var script = document.createElement("script");
            Array.prototype.forEach.call(inert.attributes, function (attribute) {
                script.setAttribute(attribute.name, attribute.value);
            });
            script.text = inert.text;
            document.head.appendChild(script);
        });
    }

    function showConfirmation(state) {
        question.hidden = true;
        Array.prototype.forEach.call(done.querySelectorAll("[data-consent-done-for]"), function (p) {
            p.hidden = p.getAttribute("data-consent-done-for") !== state;
        });
        done.hidden = false;
        done.focus();
        if (state === "statistics") {
            loadStatistics();
        }
    }

    form.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        if (!submitter || !submitter.name) {
            return; // an old browser: let the form post itself
        }
        event.preventDefault();
        var choice = submitter.value;
        var body = new URLSearchParams();
        Array.prototype.forEach.call(form.elements, function (field) {
            if (field.name && field.type === "hidden") {
                body.append(field.name, field.value);
            }
        });
        body.append("choice", choice);
        setBusy(true);
        fetch(form.action, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { Accept: "application/json" }
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (result) {
                showConfirmation(result.state);
            })
            .catch(function () {
                submitPlainly(choice);
            });
    });

    var hide = done.querySelector("[data-consent-hide]");
    if (hide) {
        hide.addEventListener("click", function () {
            banner.hidden = true;
            var main = document.getElementById("main");
            if (main) {
                main.focus();
            }
        });
    }
})();
