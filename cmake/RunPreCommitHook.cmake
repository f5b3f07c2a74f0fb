# Runs the entry of the kmsaccess-lint hook in .pre-commit-hooks.yaml on one file, the way
# pre-commit does (entry + file name), and checks the exit code.
# Usage: cmake -DKMSACCESS=<binary> -DHOOKS=<.pre-commit-hooks.yaml> -DFILE=<path>
#              -DEXPECT=<exit code> -P RunPreCommitHook.cmake
cmake_minimum_required(VERSION 3.25)
file(STRINGS "${HOOKS}" entry_line REGEX "^[ ]*entry:")
string(REGEX REPLACE "^[ ]*entry:[ ]*" "" entry "${entry_line}")
separate_arguments(entry_args UNIX_COMMAND "${entry}")
list(POP_FRONT entry_args program)
if(NOT program STREQUAL "kmsaccess")
  message(FATAL_ERROR "hook entry must start with kmsaccess, got: ${entry}")
endif()
execute_process(COMMAND "${KMSACCESS}" ${entry_args} "${FILE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${EXPECT}")
  message(FATAL_ERROR "${entry} ${FILE}: exit ${rc}, expected ${EXPECT}\n${out}${err}")
endif()
message(STATUS "${entry} ${FILE}: exit ${rc} as expected\n${out}")
