# Installed beside the program, and the Debian package (README: "Debian
# package and desktop"): `cpack -G DEB` in a build directory configured
# with -DCMAKE_INSTALL_PREFIX=/usr.
install(FILES ${PROJECT_SOURCE_DIR}/docs/archeck.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/archeck.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME archeck)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/archeck.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/packaging/archeck-desktop
        DESTINATION ${CMAKE_INSTALL_BINDIR})

set(CPACK_PACKAGE_NAME archeck)
set(CPACK_PACKAGE_VENDOR archeck)
set(CPACK_PACKAGE_CONTACT "archeck maintainers <archeck@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "checks Chinese annual reports on rule-of-law government (法治政府建设年度报告)")
# Continuation lines without a leading space: cpack indents them.
set(CPACK_PACKAGE_DESCRIPTION "archeck checks that a 法治政府建设年度报告 has the parts required by
the 法治政府建设与责任落实督察工作规定, that its years, totals, rates and
dates agree, and that it was published in time; it writes audit
spreadsheets and hands the drafter a Word copy with one comment per
problem.")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries from dpkg-shlibdeps; OpenCC's dictionaries are data.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopencc-data")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
if(NOT CPACK_PACKAGING_INSTALL_PREFIX)
  set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
endif()
include(CPack)
