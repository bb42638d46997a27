# One static library per folder of src/, named nectr_<folder>. Sources are
# globbed so that adding a file needs no CMake edit; the dependency list
# follows the one-way flow of DESIGN.md.
function(nectr_module name)
    cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
    file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
    if(NOT sources)
        # A module whose first file is not written yet: headers only until then.
        add_library(nectr_${name} INTERFACE)
        target_include_directories(nectr_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
        target_link_libraries(nectr_${name} INTERFACE ${ARG_DEPS})
        return()
    endif()
    add_library(nectr_${name} STATIC ${sources})
    target_include_directories(nectr_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(nectr_${name} PUBLIC ${ARG_DEPS})
endfunction()
