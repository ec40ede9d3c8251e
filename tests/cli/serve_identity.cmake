# The same `mlwb serve` run natively and as wasm under Node must print the very same JSON: the
# simulator's random streams and samplers are its own (std:: distributions and libm differ
# between the two builds), so a seed means one result everywhere.
# -DNATIVE=path/to/mlwb -DNODE=node -DNODE_CLI=path/to/mlwb_node_cli.js -DARGS="a;b;c"
if(NOT EXISTS "${NATIVE}")
  message(FATAL_ERROR "the native CLI ${NATIVE} is missing: build the native preset first (scripts/test.sh does)")
endif()
execute_process(COMMAND ${NATIVE} ${ARGS} RESULT_VARIABLE native_code OUTPUT_VARIABLE native_out ERROR_VARIABLE native_err)
# --no-experimental-fetch: Node 20 would otherwise try to fetch() the .wasm from a file path.
execute_process(COMMAND ${NODE} --no-experimental-fetch ${NODE_CLI} ${ARGS} RESULT_VARIABLE wasm_code OUTPUT_VARIABLE wasm_out ERROR_VARIABLE wasm_err)
if(NOT native_code EQUAL 0 OR NOT wasm_code EQUAL 0)
  message(FATAL_ERROR "exit codes native ${native_code}, wasm ${wasm_code}\n${native_err}\n${wasm_err}")
endif()
if(NOT native_out STREQUAL wasm_out)
  string(LENGTH "${native_out}" n)
  message(FATAL_ERROR "native and wasm results differ (${n} bytes native)\nnative: ${native_out}\nwasm: ${wasm_out}")
endif()
string(LENGTH "${native_out}" n)
message(STATUS "identical: ${n} bytes of JSON")
