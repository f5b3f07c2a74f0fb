# People-facing outputs of the build: the docs generator, the man page, install rules, the
# Debian package (CPack) and the tests that keep them honest. Included once from the root.

# kmsaccess-docgen walks the same CLI11 app the binary runs (cli/cli_docs.h). A build tool only.
add_executable(kmsaccess-docgen)
target_sources(kmsaccess-docgen PRIVATE
  ${PROJECT_SOURCE_DIR}/cli/cli_docs.cc
  ${PROJECT_SOURCE_DIR}/cli/cli_docs_model.cc
  ${PROJECT_SOURCE_DIR}/cli/completions.cc
  ${PROJECT_SOURCE_DIR}/cli/docgen_main.cc
)
target_link_libraries(kmsaccess-docgen PRIVATE kmsaccess_cli)
target_compile_definitions(kmsaccess-docgen PRIVATE KMSACCESS_VERSION="${PROJECT_VERSION}")
kmsaccess_target_options(kmsaccess-docgen)

set(KMSACCESS_MAN_PAGE "${PROJECT_BINARY_DIR}/man/kmsaccess.1")
add_custom_command(
  OUTPUT "${KMSACCESS_MAN_PAGE}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
  COMMAND kmsaccess-docgen man "${KMSACCESS_MAN_PAGE}"
  DEPENDS kmsaccess-docgen
  COMMENT "Generating the kmsaccess(1) man page")
add_custom_target(kmsaccess_man ALL DEPENDS "${KMSACCESS_MAN_PAGE}")

include(GNUInstallDirs)
install(TARGETS kmsaccess RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES "${KMSACCESS_MAN_PAGE}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completions/kmsaccess.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME kmsaccess)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_kmsaccess
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/kmsaccess.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PATTERN "CONTRIBUTING-helpers.md" EXCLUDE)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "kmsaccess")
set(CPACK_PACKAGE_VENDOR "kmsaccess")
set(CPACK_PACKAGE_CONTACT "kmsaccess maintainers <kmsaccess@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Offline AWS KMS access analyzer: who can use which key, and why")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "kmsaccess")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/kmsaccess/kmsaccess")
# Runtime libraries of the binary as `ldd` + `dpkg -S` show them on Debian 12 (fmt is linked
# but unused at run time, so --as-needed drops libfmt9). When
# dpkg-shlibdeps is present it computes the same list (with versions) from the binary.
find_program(KMSACCESS_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(KMSACCESS_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libgcc-s1, libstdc++6, libyaml-cpp0.7")
endif()
include(CPack)

if(KMSACCESS_BUILD_TESTS)
  set(kmsaccess_bin $<TARGET_FILE:kmsaccess>)
  add_test(NAME report_browser
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/browser-test.sh ${kmsaccess_bin} ${PROJECT_SOURCE_DIR})
  set_tests_properties(report_browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  add_test(NAME report_cli
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/report-test.sh ${kmsaccess_bin} ${PROJECT_SOURCE_DIR})
  add_test(NAME terminal_no_color
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/no-color-test.sh ${kmsaccess_bin} ${PROJECT_SOURCE_DIR})
  add_test(NAME man_page_matches_help
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/man-test.sh ${kmsaccess_bin} ${KMSACCESS_MAN_PAGE})
  add_test(NAME completions_up_to_date
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/completions-test.sh $<TARGET_FILE:kmsaccess-docgen>
                   ${PROJECT_SOURCE_DIR})
  add_test(NAME debian_package
           COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/package-test.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(debian_package PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 RUN_SERIAL ON)
endif()
