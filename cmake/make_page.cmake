# shell.html -> index.html and embed.html, with a content hash of the app in the URLs they load
# so a new build is never mixed with a cached old one, and web/loader.js inlined; web/sw.js ->
# sw.js with the same hash in its cache name, so a new build replaces the offline copy.
# (-DINPUT, -DOUTPUT_DIR, -DWASM, -DJS, -DLOADER, -DICON, -DSW)
file(SHA256 "${WASM}" wasm_hash)
file(SHA256 "${JS}" js_hash)
string(SUBSTRING "${wasm_hash}${js_hash}" 0 12 MLWB_BUILD_ID)
file(SIZE "${WASM}" MLWB_WASM_BYTES)
file(READ "${LOADER}" MLWB_LOADER_JS)
# The icon inline as a data: URL: browsers fetch a page's icon again when its URL changes (every
# edit writes the hash), and the drift lens promises no request at all once data is loaded.
if(ICON)
  file(READ "${ICON}" icon_hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "%\\1" MLWB_ICON_URL "${icon_hex}")
  set(MLWB_ICON_URL "data:image/svg+xml,${MLWB_ICON_URL}")
endif()
set(MLWB_PAGE_TITLE "MLOps Workbench")
set(MLWB_PAGE_SCRIPT "")
configure_file("${INPUT}" "${OUTPUT_DIR}/index.html" @ONLY)
# The embed page: one instrument, minimal chrome, messages to its host (docs/embedding.md).
set(MLWB_PAGE_TITLE "MLOps Workbench (embedded)")
set(MLWB_PAGE_SCRIPT " window.MLWB_EMBED = true;")
configure_file("${INPUT}" "${OUTPUT_DIR}/embed.html" @ONLY)
if(SW)
  configure_file("${SW}" "${OUTPUT_DIR}/sw.js" @ONLY)
endif()
