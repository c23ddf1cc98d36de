/* Lyssna: the page's main content read aloud by the browser's own speech synthesis.
   Nothing is sent anywhere and no third party is asked. The control stays hidden unless the
   browser has a voice for the page's language (<html lang>), and it reads <main> only,
   without the feedback question, forms and navigation. Keyboard: ordinary buttons; screen
   readers hear what happens through a status region. */
(function () {
    "use strict";

    var box = document.querySelector("[data-listen]");
    var synth = window.speechSynthesis;
    if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
        return;
    }
    var play = box.querySelector("[data-listen-play]");
    var pause = box.querySelector("[data-listen-pause]");
    var stop = box.querySelector("[data-listen-stop]");
    var status = box.querySelector("[data-listen-status]");
    var language = (document.documentElement.lang || "sv").toLowerCase();
    var SKIP = "nav, form, script, style, template, [hidden], [aria-hidden='true'], " +
        ".page-feedback, .visually-hidden, [data-listen-skip]";
    var READ = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption, blockquote";
    var voice = null;
    var paused = false;

    function base(code) {
        return code.toLowerCase().replace("_", "-").split("-")[0];
    }

    function findVoice() {
        var voices = synth.getVoices() || [];
        var exact = null;
        var near = null;
        for (var i = 0; i < voices.length; i++) {
            var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
            if (code === language) {
                exact = exact || voices[i];
            } else if (base(code) === base(language)) {
                near = near || voices[i];
            }
        }
        return exact || near;
    }

    function say(text) {
        status.textContent = "";
        status.textContent = text;
    }

    function show(reading) {
        play.hidden = reading;
        pause.hidden = !reading;
        stop.hidden = !reading;
        pause.textContent = paused ? box.dataset.resume : box.dataset.pause;
        pause.setAttribute("aria-pressed", paused ? "true" : "false");
    }

    function texts() {
        var main = document.getElementById("main");
        if (!main) {
            return [];
        }
        var parts = [];
        main.querySelectorAll(READ).forEach(function (element) {
            if (element.closest(SKIP)) {
                return;
            }
            // The innermost readable element speaks: a <p> inside an <li> is read once.
            if (element.parentElement && element.parentElement.closest(READ) &&
                main.contains(element.parentElement.closest(READ))) {
                return;
            }
            var text = element.textContent.replace(/\s+/g, " ").trim();
            if (text) {
                parts.push(text);
            }
        });
        return parts;
    }

    function finish() {
        paused = false;
        show(false);
    }

    function start() {
        synth.cancel();
        paused = false;
        var parts = texts();
        if (!parts.length) {
            return;
        }
        // One utterance a paragraph: browsers cut long utterances off.
        parts.forEach(function (text, index) {
            var utterance = new window.SpeechSynthesisUtterance(text);
            utterance.lang = voice.lang || language;
            utterance.voice = voice;
            if (index === parts.length - 1) {
                utterance.onend = finish;
            }
            synth.speak(utterance);
        });
        show(true);
        say(box.dataset.reading);
        pause.focus();
    }

    function togglePause() {
        if (paused) {
            synth.resume();
            paused = false;
            say(box.dataset.reading);
        } else {
            synth.pause();
            paused = true;
            say(box.dataset.paused);
        }
        show(true);
    }

    function end() {
        synth.cancel();
        finish();
        say(box.dataset.stopped);
        play.focus();
    }

    function setUp() {
        voice = findVoice();
        box.hidden = !voice;
    }

    play.addEventListener("click", start);
    pause.addEventListener("click", togglePause);
    stop.addEventListener("click", end);
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !stop.hidden) {
            end();
        }
    });
    window.addEventListener("pagehide", function () {
        synth.cancel();
    });
    setUp();
    // Voices load after the page in some browsers.
    if (typeof synth.addEventListener === "function") {
        synth.addEventListener("voiceschanged", setUp);
    }
})();
