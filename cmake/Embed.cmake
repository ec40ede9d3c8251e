# mlwb_embed_file(<target> <input> <symbol>): compile <input>'s bytes into <target> as
# `extern const unsigned char <symbol>[]; extern const std::size_t <symbol>_size;`
# (a trailing NUL is added after the data, so text files can be read as C strings).
function(mlwb_embed_file target input symbol)
  set(output "${CMAKE_BINARY_DIR}/generated/embed/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_binary.cmake"
    DEPENDS "${input}" "${PROJECT_SOURCE_DIR}/cmake/embed_binary.cmake"
    COMMENT "Embedding ${symbol}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
