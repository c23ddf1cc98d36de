/* "Var sidan till hjälp?" in place: the same two posts as without JavaScript, answered with
   JSON, so the visitor stays on the page. No cookie, no storage, nothing else sent. */
(function () {
    "use strict";

    var section = document.querySelector("[data-page-feedback]");
    if (!section || !window.fetch || !window.FormData) {
        return;
    }
    var status = section.querySelector("[data-feedback-status]");
    var answerForm = section.querySelector("[data-feedback-answer]");
    var submitter = null;

    function post(form, data) {
        return fetch(form.action, {
            method: "POST",
            body: new URLSearchParams(data),
            headers: { Accept: "application/json" },
            credentials: "same-origin"
        }).then(function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    throw new Error(body.error || "");
                }
                return body;
            });
        });
    }

    function say(text) {
        status.textContent = text;
    }

    function showError(error) {
        say(error.message || section.getAttribute("data-error") || "Något gick fel. Försök igen.");
    }

    answerForm.addEventListener("click", function (event) {
        if (event.target.name === "answer") {
            submitter = event.target;
        }
    });

    answerForm.addEventListener("submit", function (event) {
        if (!submitter) {
            return; // nothing chosen: let the browser post the form as it is
        }
        event.preventDefault();
        var data = new FormData(answerForm);
        data.set("answer", submitter.value);
        var buttons = answerForm.querySelectorAll("button");
        buttons.forEach(function (button) { button.disabled = true; });
        post(answerForm, data).then(function (body) {
            var template = document.getElementById("feedback-comment-template");
            var comment = template.content.firstElementChild.cloneNode(true);
            comment.action = body.comment_url;
            comment.querySelector("[name=t]").value = body.token;
            answerForm.replaceWith(comment);
            say(section.getAttribute("data-thanks"));
            comment.addEventListener("submit", function (submitEvent) {
                submitEvent.preventDefault();
                var text = comment.querySelector("textarea");
                if (!text.value.trim()) {
                    comment.remove();
                    say(section.getAttribute("data-done"));
                    return;
                }
                comment.querySelector("button").disabled = true;
                post(comment, new FormData(comment)).then(function () {
                    comment.remove();
                    say(section.getAttribute("data-done"));
                }, function (error) {
                    comment.querySelector("button").disabled = false;
                    showError(error);
                });
            });
        }, function (error) {
            buttons.forEach(function (button) { button.disabled = false; });
            showError(error);
        });
    });
}());
