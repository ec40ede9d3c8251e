# shell.html -> index.html, with a content hash of the app in the URLs it loads so a new
# build is never mixed with a cached old one, and web/loader.js inlined
# (-DINPUT, -DOUTPUT, -DWASM, -DJS, -DLOADER).
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
configure_file("${INPUT}" "${OUTPUT}" @ONLY)
