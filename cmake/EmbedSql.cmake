# Embeds src/store/queries/<area>/<name>[.sqlite|.postgres].sql as constants
# store::sql::k<Area><Name>, and src/store/migrations/NNNN_<what>[...].sql as
# the ordered migration list. A twin file exists only where dialects differ.
file(GLOB_RECURSE NECTR_SQL_FILES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/src/store/queries/*.sql
    ${PROJECT_SOURCE_DIR}/src/store/migrations/*.sql)
set(NECTR_SQL_HPP ${NECTR_GENERATED_DIR}/store/sql.hpp)
set(NECTR_SQL_CPP ${NECTR_GENERATED_DIR}/store/sql.cpp)
add_custom_command(
    OUTPUT ${NECTR_SQL_HPP} ${NECTR_SQL_CPP}
    COMMAND ${CMAKE_COMMAND}
        -DSOURCE_DIR=${PROJECT_SOURCE_DIR}/src/store
        -DOUT_HPP=${NECTR_SQL_HPP}
        -DOUT_CPP=${NECTR_SQL_CPP}
        -P ${PROJECT_SOURCE_DIR}/cmake/embed_sql_run.cmake
    DEPENDS ${NECTR_SQL_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_sql_run.cmake
    COMMENT "Embedding SQL files"
    VERBATIM)
