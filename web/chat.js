/* Mitra web chat: talks to Rasa's socketio channel (credentials.yml: user_uttered / bot_uttered,
 * session_persistence on). No framework, no analytics: the only traffic is the chat itself.
 * Bot and user text only ever reach the page through textContent, never innerHTML. */
(function () {
  "use strict";

  var SESSION_KEY = "mitra.session";  // the only thing stored on the phone: no message text
  var DEFAULT_SERVER = "http://127.0.0.1:5005";

  var PRESENTATION_PATH = "/webhooks/socketio/presentation";  // bot/channels/socketio.py
  var MAX_NAME_CHARS = 40;

  var log = document.getElementById("log");
  var nameHeading = document.getElementById("name");
  var botName = nameHeading.textContent;  // the page's neutral placeholder until the server names it
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var socket = null;
  var sessionId = null;
  var waitTimer = null;

  function serverUrl() {
    var value = new URLSearchParams(window.location.search).get("server") || DEFAULT_SERVER;
    try {
      var url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch (e) { /* fall through */ }
    return null;
  }

  function storedSession() {
    try { return window.localStorage.getItem(SESSION_KEY); } catch (e) { return null; }
  }

  function storeSession(id) {
    try {
      if (id) window.localStorage.setItem(SESSION_KEY, id);
      else window.localStorage.removeItem(SESSION_KEY);
    } catch (e) { /* private mode: the chat still works, it just won't survive a reload */ }
  }

  function setState(state, text) {
    statusLine.dataset.state = state;
    statusLine.textContent = text;
    var ready = state === "ready";
    input.disabled = !ready;
    sendButton.disabled = !ready;
    document.body.dataset.state = state;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  // Plain text with web addresses made tappable; built from text nodes only.
  function appendText(parent, text) {
    var pattern = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = document.createElement("a");
      link.href = match[0];
      link.textContent = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addBubble(who, text) {
    var bubble = document.createElement("div");
    bubble.className = "msg " + who;
    var sr = document.createElement("span");
    sr.className = "visually-hidden";
    sr.textContent = who === "user" ? "You: " : who === "bot" ? botName + ": " : "";
    bubble.appendChild(sr);
    var body = document.createElement("span");
    body.className = "body";
    appendText(body, text);
    bubble.appendChild(body);
    log.appendChild(bubble);
    scrollToEnd();
    return bubble;
  }

  function addChoices(choices) {
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Choices");
    choices.forEach(function (choice) {
      if (!choice || typeof choice.title !== "string") return;
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = choice.title;
      chip.addEventListener("click", function () {
        send(typeof choice.payload === "string" ? choice.payload : choice.title, choice.title);
      });
      group.appendChild(chip);
    });
    if (group.childNodes.length) {
      log.appendChild(group);
      scrollToEnd();
    }
  }

  // Earlier choices stop working once the conversation has moved on.
  function retireChoices() {
    var chips = log.querySelectorAll(".choices:not(.used) .chip");
    for (var i = 0; i < chips.length; i++) chips[i].disabled = true;
    var groups = log.querySelectorAll(".choices:not(.used)");
    for (var j = 0; j < groups.length; j++) groups[j].classList.add("used");
  }

  function showWaiting(on) {
    window.clearTimeout(waitTimer);
    var dots = document.getElementById("waiting");
    if (on) {
      if (!dots) {
        dots = document.createElement("div");
        dots.id = "waiting";
        dots.className = "msg bot waiting";
        dots.setAttribute("aria-hidden", "true");
        dots.textContent = "…";
      }
      log.appendChild(dots);
      scrollToEnd();
      waitTimer = window.setTimeout(function () { showWaiting(false); }, 30000);
    } else if (dots) {
      dots.remove();
    }
  }

  function send(payload, shown) {
    if (!socket || !socket.connected || !sessionId) return;
    var text = payload.trim();
    if (!text) return;
    retireChoices();
    addBubble("user", shown === undefined ? text : shown);
    socket.emit("user_uttered", { message: text, session_id: sessionId });
    showWaiting(true);
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") return;
    showWaiting(false);
    // The worker sent the quick-exit word: the server deleted the chat; leave no trace here.
    if (message.custom && message.custom.quick_exit) return quickExit(true);
    if (typeof message.text === "string" && message.text.trim()) addBubble("bot", message.text);
    var choices = [];
    if (Array.isArray(message.buttons)) choices = choices.concat(message.buttons);
    if (Array.isArray(message.quick_replies)) choices = choices.concat(message.quick_replies);
    if (choices.length) addChoices(choices);
  }

  function clearScreen() {
    showWaiting(false);
    while (log.firstChild) log.removeChild(log.firstChild);
  }

  // The deployment's display name (content/settings.yml) for the tab, the header and screen
  // readers. If the server cannot say, the page keeps its neutral placeholder.
  function showName(name) {
    botName = name;
    nameHeading.textContent = name;
    document.title = name;
  }

  function loadPresentation(server) {
    if (typeof window.fetch !== "function") return;
    window.fetch(server + PRESENTATION_PATH, { credentials: "omit", cache: "no-cache" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (config) {
        var name = config && typeof config.name === "string" ? config.name.trim() : "";
        if (name) showName(name.slice(0, MAX_NAME_CHARS));
      })
      .catch(function () { /* unreachable server: the status line already says so */ });
  }

  function connect() {
    var server = serverUrl();
    if (!server) {
      setState("error", "The chat server address in this link is not valid.");
      return;
    }
    loadPresentation(server);
    if (typeof window.io !== "function") {
      setState("error", "The chat could not start: its socket.io library is missing (run `make web`).");
      return;
    }
    setState("connecting", "Connecting…");
    // Polling first, then upgrade to a websocket: works behind proxies that block websockets.
    socket = window.io(server, { reconnectionDelayMax: 10000, timeout: 15000 });

    socket.on("connect", function () {
      setState("connecting", "Connecting…");
      socket.emit("session_request", { session_id: storedSession() });
    });
    socket.on("session_confirm", function (confirmed) {
      var id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (!id) return;
      if (storedSession() === id && !sessionId && !log.firstChild) {
        addBubble("note", "Continuing your earlier chat. Tap “Clear chat” to start over.");
      }
      sessionId = id;
      storeSession(id);
      setState("ready", "Connected");
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () {
      showWaiting(false);
      setState("connecting", "Connection lost. Reconnecting…");
    });
    socket.on("connect_error", function () {
      showWaiting(false);
      setState("error", "Cannot reach the chat server. Check your internet connection; retrying…");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) return;
    input.value = "";
    send(text);
  });

  document.getElementById("clear").addEventListener("click", function () {
    clearScreen();
    storeSession(null);
    sessionId = null;
    if (socket) {
      // A new socket id leaves the old conversation's room; the server then opens a new session.
      socket.disconnect();
      setState("connecting", "Connecting…");
      socket.connect();
    }
  });

  // Quick exit for a watched phone: forget the chat here and leave without a history entry.
  // The Exit button also asks the server to delete the conversation (as the quick-exit word does).
  function quickExit(deletedByServer) {
    clearScreen();
    var id = sessionId;
    storeSession(null);
    var left = false;
    function leave() {
      if (left) return;
      left = true;
      if (socket) socket.disconnect();
      window.location.replace("about:blank");
    }
    if (socket && socket.connected && id && deletedByServer !== true) {
      // The screen is already blank; leave once the server acknowledges (it does so after
      // deleting), or after 2 s at most. Leaving at once could drop the delete in flight.
      socket.timeout(2000).emit("user_uttered",
        { message: '/delete_my_data{"confirm_delete":"yes"}', session_id: id }, leave);
      return;
    }
    leave();
  }
  document.getElementById("exit").addEventListener("click", quickExit);

  connect();
})();
