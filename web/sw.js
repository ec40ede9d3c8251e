// MLOps Workbench's service worker: after the first visit the site works offline.
// One cache per build (the build id is the app's content hash, written in at build time): a new
// build installs its own copy beside the old one and, once active, deletes the old one, so a page
// never mixes files of two builds. Nothing is sent anywhere: it only answers the site's own GETs.
'use strict';
var BUILD = '@MLWB_BUILD_ID@';
var CACHE = 'mlwb-' + BUILD;
// What the app needs to start; the guide pages and anything else are cached when first fetched.
var CORE = ['./', 'index.html', 'embed.html', 'icon.svg', '404.html', 'guide/index.html', 'instruments/index.html',
            'mlwb.js?v=' + BUILD, 'mlwb.wasm?v=' + BUILD];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(CORE.map(function (path) { return new Request(path, { cache: 'reload' }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf('mlwb-') === 0 && name !== CACHE; })
                            .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromNetworkAndKeep(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === 'basic') {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Pages: the network first (a new build shows at once), the cached copy when offline.
    event.respondWith(fromNetworkAndKeep(request).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || caches.match('index.html');
      });
    }));
    return;
  }
  // The app's files carry the build in their URL and never change: the cache first.
  event.respondWith(caches.match(request).then(function (hit) { return hit || fromNetworkAndKeep(request); }));
});
