// Starts MLOps Workbench in the page: checks for WebAssembly and WebGL2, downloads the app with
// a real progress bar, runs it, and defines window.mlwb (the API for tests and host pages).
// Any failure ends in a plain-language message on the page, never a blank screen.
// It runs from <head>, so the downloads are under way before the body is even parsed; what
// needs the page's elements waits for them (domReady).
(function () {
  'use strict';
  var build = window.MLWB_BUILD || { id: '', wasmBytes: 0 };
  var statusBox = null, statusText = null, statusFill = null, canvas = null;
  var domReady = new Promise(function (resolve) {
    if (document.readyState !== 'loading') resolve();
    else document.addEventListener('DOMContentLoaded', resolve);
  }).then(function () {
    statusBox = document.getElementById('status');
    statusText = document.getElementById('status-text');
    statusFill = document.getElementById('status-fill');
    canvas = document.getElementById('canvas');
    // Sized now as resize_if_needed() (web_main.cpp) will want it, so the app need not resize
    // (and so reallocate) the drawing buffer before its first frame. The WebGL2 context itself
    // is left to the app: created here, the empty canvas was composited by a synchronous
    // readback while the wasm still downloaded (~130 ms of the main thread on software GL).
    var ratio = window.devicePixelRatio;
    if (!(ratio > 0.25 && ratio < 8)) ratio = 1;
    canvas.width = Math.round((window.innerWidth | 0) * ratio);
    canvas.height = Math.round((window.innerHeight | 0) * ratio);
  });
  var module = null;
  var resolveReady, rejectReady;
  var ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  ready.catch(function () {});  // a failed start is shown on the page; callers may still catch it

  function show(text, fraction) {
    if (!statusText) return;  // the body is not parsed yet; the next call will show
    statusText.textContent = text;
    if (fraction !== undefined) statusFill.style.width = Math.round(fraction * 100) + '%';
  }
  function fail(text) {
    rejectReady(new Error(text));
    domReady.then(function () {
      statusBox.classList.remove('hidden');
      statusBox.classList.add('error');
      show(text);
    });
  }
  // Strings go to the engine through the heap, not ccall's copy on the 5 MB wasm stack: a
  // pasted soul or state of a few MB would overflow it and take the whole app down.
  function call(name, argTypes, args) {
    if (!module) throw new Error('MLOps Workbench is not ready yet: await mlwb.ready first');
    var types = [], values = [], owned = [];
    (argTypes || []).forEach(function (type, i) {
      if (type !== 'string') { types.push(type); values.push(args[i]); return; }
      var size = module.lengthBytesUTF8(args[i]) + 1;
      var ptr = module._malloc(size);
      if (!ptr) throw new Error('MLOps Workbench: out of memory for a ' + size + '-byte argument');
      module.stringToUTF8(args[i], ptr, size);
      owned.push(ptr);
      types.push('number');
      values.push(ptr);
    });
    try {
      return JSON.parse(module.ccall(name, 'string', types, values));
    } finally {
      owned.forEach(function (ptr) { module._free(ptr); });
    }
  }

  window.mlwb = {
    ready: ready,
    build: build.id,
    instruments: function () { return call('mlwb_api_instruments'); },
    // [{key, title, story, state}]: each preset with the state setState takes to apply it.
    presets: function (id) { return call('mlwb_api_presets', ['string'], [String(id)]); },
    open: function (id) { return call('mlwb_api_open', ['string'], [String(id)]); },
    getState: function () { return call('mlwb_api_get_state'); },
    setState: function (state) {
      return call('mlwb_api_set_state', ['string'], [typeof state === 'string' ? state : JSON.stringify(state)]);
    },
    results: function () { return call('mlwb_api_results'); },
    // Share > Copy link / Copy embed code: {text}, also put on the clipboard.
    share: function (kind) { return call('mlwb_api_share', ['string'], [String(kind)]); },
    // Export menu texts: 'json', 'csv', 'markdown' or 'report' (HTML) -> {text}.
    exportResults: function (format) { return call('mlwb_api_export', ['string'], [String(format)]); },
    // An Export menu item as if chosen: 'copy-markdown', 'json', 'csv', 'markdown', 'plots'.
    download: function (kind) { return call('mlwb_api_download', ['string'], [String(kind)]); },
    // Data for the drift lens as if its file had been dropped: slot 'reference' or 'current'.
    loadData: function (slot, text, name) {
      return call('mlwb_api_load_drift', ['string', 'string', 'string'],
                  [String(slot || ''), String(name || 'pasted.csv'), String(text)]);
    },
    importSoul: function (text, name) {
      return call('mlwb_api_import_soul', ['string', 'string'], [String(name || 'pasted'), String(text)]);
    },
    stats: function () { return call('mlwb_api_stats'); }
  };

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return fail('This browser cannot run WebAssembly, which MLOps Workbench needs. Try a current Chrome, Edge, Firefox or Safari.');
  }
  // Only a cheap check here: creating a throwaway WebGL2 context costs up to ~100 ms on software
  // GL. If the app's own context cannot be created, the app reports it through onFatal.
  if (typeof WebGL2RenderingContext === 'undefined') {
    return fail('This browser or device does not offer WebGL2, which MLOps Workbench uses to draw. ' +
                'Try a current browser, or enable hardware acceleration in its settings.');
  }

  // Downloads and compiles the app together: the browser compiles the wasm as its bytes arrive
  // (compileStreaming), while a pass-through stream counts them for the progress bar.
  function compileWasm(url) {
    if (typeof window.MLWB_WASM_BASE64 === 'string') {  // the single-file build: the app is in the page
      return Promise.resolve().then(function () {
        var text = atob(window.MLWB_WASM_BASE64), bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
        return WebAssembly.compile(bytes);
      });
    }
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('the server answered HTTP ' + response.status + ' for ' + url);
      if (!response.body || typeof WebAssembly.compileStreaming !== 'function') {
        return response.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });
      }
      var total = build.wasmBytes || Number(response.headers.get('Content-Length')) || 0;
      var body = response.body;
      if (total && typeof TransformStream === 'function') {
        var received = 0;
        body = body.pipeThrough(new TransformStream({
          transform: function (chunk, out) {
            received += chunk.length;
            show('Loading… ' + Math.min(99, Math.floor(100 * received / total)) + ' %', Math.min(0.99, received / total));
            out.enqueue(chunk);
          }
        }));
      }
      return WebAssembly.compileStreaming(new Response(body, { headers: { 'Content-Type': 'application/wasm' } }));
    });
  }

  function loadScript(url) {
    if (typeof window.createMlwbModule === 'function') return Promise.resolve();  // inlined (single file)
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + url)); };
      document.head.appendChild(s);
    });
  }

  // After the first frame (it must not compete with start-up): the service worker that keeps a
  // copy of this build for offline use (web/sw.js). Not for the embed page inside other sites,
  // nor for the single-file build or file:// pages, where there is no server to mirror.
  function registerOffline() {
    if (window.MLWB_EMBED || build.singleFile || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
    try {
      navigator.serviceWorker.register('sw.js').catch(function () {});
    } catch (e) { /* storage disabled: online only */ }
  }

  show('Loading… 0 %', 0);
  var suffix = build.id ? '?v=' + build.id : '';
  Promise.all([compileWasm('mlwb.wasm' + suffix), loadScript('mlwb.js' + suffix), domReady]).then(function (parts) {
    show('Starting…', 1);
    if (window.performance && performance.mark) performance.mark('mlwb-downloaded');
    var options = {
      canvas: canvas,
      // The module compiled while it downloaded; only its instantiation is left.
      instantiateWasm: function (imports, done) {
        WebAssembly.instantiate(parts[0], imports).then(function (instance) { done(instance, parts[0]); }, function (error) {
          fail('MLOps Workbench could not be started: ' + (error && error.message ? error.message : error) + '. Reload the page.');
        });
        return {};  // exports arrive through done()
      },
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      onFatal: fail,
      onAbort: function (what) {
        fail('MLOps Workbench stopped unexpectedly (' + what + '). Reload the page; your inputs are saved in this browser.');
      },
      onFirstFrame: function () {
        module = options;
        statusBox.classList.add('hidden');
        canvas.focus();
        if (window.performance && performance.mark) performance.mark('mlwb-first-frame');
        resolveReady(window.mlwb);
        registerOffline();
      }
    };
    return window.createMlwbModule(options);
  }).catch(function (error) {
    fail('MLOps Workbench could not be loaded: ' + (error && error.message ? error.message : error) +
         '. Check your connection and reload the page.');
  });
})();
