# The browser app: src/platform (the only code that knows about Emscripten) + UI + engine,
# linked to build/site/mlwb.{js,wasm}; shell.html becomes build/site/index.html.
set(MLWB_SITE_DIR "${PROJECT_SOURCE_DIR}/build/site" CACHE PATH "Where the static site is assembled")

add_executable(mlwb_app
  src/platform/web_main.cpp
  src/platform/web_events.cpp
  src/platform/web_browser.cpp
  src/platform/web_api.cpp
  src/platform/web_renderer.cpp)
target_include_directories(mlwb_app PRIVATE src/platform)
target_link_libraries(mlwb_app PRIVATE mlwb_ui mlwb_options)
set_target_properties(mlwb_app PROPERTIES OUTPUT_NAME mlwb SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${MLWB_SITE_DIR}")

set(_exports _main _mlwb_api_instruments _mlwb_api_presets _mlwb_api_open _mlwb_api_get_state _mlwb_api_set_state _mlwb_api_results _mlwb_api_share _mlwb_api_export _mlwb_api_download _mlwb_api_stats
             _mlwb_api_import_soul _mlwb_api_load_drift
             _mlwb_platform_file_begin _mlwb_platform_file_chunk _mlwb_platform_file_end
             _mlwb_platform_on_paste _mlwb_platform_on_file _mlwb_platform_on_hash_change _mlwb_platform_on_color_scheme _malloc _free)
list(JOIN _exports "," _exports_joined)
target_link_options(mlwb_app PRIVATE
  -sMODULARIZE=1 -sEXPORT_NAME=createMlwbModule
  -sENVIRONMENT=web
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sALLOW_MEMORY_GROWTH=1
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sEXPORTED_FUNCTIONS=[${_exports_joined}]
  -sEXPORTED_RUNTIME_METHODS=[ccall,UTF8ToString,stringToUTF8,lengthBytesUTF8]
  -sINCOMING_MODULE_JS_API=[canvas,instantiateWasm,print,printErr,onAbort,locateFile]
  -sTEXTDECODER=2
  -fno-exceptions)

# The pages (shell.html with web/loader.js inlined, as index.html and embed.html), the service
# worker, the 404 page and the files they link to. A target of its own, so that editing the page
# or the loader alone rebuilds it too.
find_program(MLWB_NODE NAMES node nodejs REQUIRED)
add_custom_command(
  OUTPUT ${MLWB_SITE_DIR}/index.html ${MLWB_SITE_DIR}/embed.html ${MLWB_SITE_DIR}/sw.js ${MLWB_SITE_DIR}/icon.svg ${MLWB_SITE_DIR}/404.html
  COMMAND ${CMAKE_COMMAND} -DINPUT=${PROJECT_SOURCE_DIR}/shell.html -DOUTPUT_DIR=${MLWB_SITE_DIR}
          -DWASM=${MLWB_SITE_DIR}/mlwb.wasm -DJS=${MLWB_SITE_DIR}/mlwb.js -DLOADER=${PROJECT_SOURCE_DIR}/web/loader.js
          -DICON=${PROJECT_SOURCE_DIR}/assets/icon.svg -DSW=${PROJECT_SOURCE_DIR}/web/sw.js
          -P ${PROJECT_SOURCE_DIR}/cmake/make_page.cmake
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/assets/icon.svg ${MLWB_SITE_DIR}/icon.svg
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/web/404.html ${MLWB_SITE_DIR}/404.html
  DEPENDS mlwb_app ${PROJECT_SOURCE_DIR}/shell.html ${PROJECT_SOURCE_DIR}/web/loader.js ${PROJECT_SOURCE_DIR}/web/sw.js
          ${PROJECT_SOURCE_DIR}/web/404.html ${PROJECT_SOURCE_DIR}/assets/icon.svg ${PROJECT_SOURCE_DIR}/cmake/make_page.cmake
  COMMENT "Assembling build/site"
  VERBATIM)
# The single-file build for workshop USB sticks and intranets (scripts/single-file.mjs).
add_custom_command(
  OUTPUT ${MLWB_SITE_DIR}/mlwb-single.html
  COMMAND ${MLWB_NODE} ${PROJECT_SOURCE_DIR}/scripts/single-file.mjs ${MLWB_SITE_DIR} ${MLWB_SITE_DIR}/mlwb-single.html
  DEPENDS ${MLWB_SITE_DIR}/index.html ${PROJECT_SOURCE_DIR}/scripts/single-file.mjs
  COMMENT "Writing the single-file build"
  VERBATIM)

# The persona guide's static pages (build/site/guide/), written by the mlwb CLI itself built
# for Node: the same engine and the same compiled-in souls as the app, so they cannot disagree.
add_executable(mlwb_node_cli ${MLWB_CLI_SOURCES})
target_link_libraries(mlwb_node_cli PRIVATE mlwb_core mlwb_options)
target_link_options(mlwb_node_cli PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
add_custom_command(
  OUTPUT ${MLWB_SITE_DIR}/guide/index.html
  COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:mlwb_node_cli> persona site ${MLWB_SITE_DIR}
  DEPENDS mlwb_node_cli
  COMMENT "Writing the persona guide pages to build/site/guide"
  VERBATIM)
# The instruments' static pages (build/site/instruments/), by the same CLI.
add_custom_command(
  OUTPUT ${MLWB_SITE_DIR}/instruments/index.html
  COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:mlwb_node_cli> pages ${MLWB_SITE_DIR}
  DEPENDS mlwb_node_cli
  COMMENT "Writing the instruments' static pages to build/site/instruments"
  VERBATIM)
add_custom_target(mlwb_site ALL DEPENDS ${MLWB_SITE_DIR}/index.html ${MLWB_SITE_DIR}/icon.svg ${MLWB_SITE_DIR}/guide/index.html
                                          ${MLWB_SITE_DIR}/instruments/index.html ${MLWB_SITE_DIR}/mlwb-single.html)
