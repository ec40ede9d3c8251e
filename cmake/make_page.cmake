# shell.html -> index.html, with a content hash of the app in the URLs it loads so a new
# build is never mixed with a cached old one, and web/loader.js inlined
# (-DINPUT, -DOUTPUT, -DWASM, -DJS, -DLOADER).
file(SHA256 "${WASM}" wasm_hash)
file(SHA256 "${JS}" js_hash)
string(SUBSTRING "${wasm_hash}${js_hash}" 0 12 MLWB_BUILD_ID)
file(SIZE "${WASM}" MLWB_WASM_BYTES)
file(READ "${LOADER}" MLWB_LOADER_JS)
configure_file("${INPUT}" "${OUTPUT}" @ONLY)
