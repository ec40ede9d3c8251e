# Fonts come from Debian packages at build time (fonts-roboto-unhinted, fonts-noto-mono) and
# are subset to the characters the UI uses: Latin-1, typographic punctuation, arrows, the
# comparison and math signs and the Greek letters of statistics. Subsetting cuts ~75 % of
# the bytes; the glyph list must match kGlyphRanges in src/ui/fonts.cpp.
set(MLWB_FONT_DIR_ROBOTO "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF" CACHE PATH "Directory with Roboto-Regular.ttf and Roboto-Bold.ttf")
set(MLWB_FONT_DIR_MONO "/usr/share/fonts/truetype/noto" CACHE PATH "Directory with NotoSansMono-Regular.ttf")
# Roboto has no arrows; DejaVu Sans (fonts-dejavu-core) lends them, merged into the atlas.
set(MLWB_FONT_DIR_DEJAVU "/usr/share/fonts/truetype/dejavu" CACHE PATH "Directory with DejaVuSans.ttf")
set(MLWB_FONT_ARROWS "U+2190-2193")
# Debian's python3 has fontTools (python3-fonttools); another python3 first on PATH may not.
find_program(MLWB_FONT_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT MLWB_FONT_PYTHON)
  find_program(MLWB_FONT_PYTHON NAMES python3 REQUIRED)
endif()

set(MLWB_FONT_UNICODES "U+0020-007E,U+00A0-00FF,U+0160-0161,U+0394,U+03A3,U+03A6,U+03B1-03B2,U+03B4,U+03BB-03BC,U+03C1,U+03C3-03C4,U+03C7,U+2074,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-2193,U+2212,U+221A,U+221E,U+2248,U+2260,U+2264-2265")

# mlwb_add_font(<target> <ttf> <symbol> [unicodes]): subset and embed one font.
function(mlwb_add_font target source symbol)
  set(unicodes "${MLWB_FONT_UNICODES}")
  if(ARGC GREATER 3)
    set(unicodes "${ARGV3}")
  endif()
  if(NOT EXISTS "${source}")
    message(FATAL_ERROR "Font ${source} not found: run scripts/setup.sh serve (installs fonts-roboto-unhinted and fonts-noto-mono) or set MLWB_FONT_DIR_ROBOTO / MLWB_FONT_DIR_MONO")
  endif()
  set(subset "${CMAKE_BINARY_DIR}/generated/fonts/${symbol}.ttf")
  add_custom_command(
    OUTPUT "${subset}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/generated/fonts"
    COMMAND ${MLWB_FONT_PYTHON} -m fontTools.subset "${source}" --unicodes=${unicodes}
            --layout-features= --no-hinting --desubroutinize --output-file=${subset}
    DEPENDS "${source}"
    COMMENT "Subsetting ${symbol}"
    VERBATIM)
  mlwb_embed_file(${target} "${subset}" ${symbol})
endfunction()
