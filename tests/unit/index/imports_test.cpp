// Import extraction per language and resolution to files of the repository.
#include "index/imports.hpp"

#include <gtest/gtest.h>

#include "index/import_resolver.hpp"
#include "index/language.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

using Targets = std::vector<std::string>;

Targets Imports(std::string_view path, std::string_view text) {
    return ExtractImports(path, LanguageOfPath(path), SplitLines(text));
}

TEST(ExtractImportsTest, Python) {
    EXPECT_EQ(
        Imports("pkg/app.py",
                "import os, sys as system\n"
                "import pkg.util.strings\n"
                "from pkg.diff import parse_hunk\n"
                "from . import helpers, models\n"
                "from ..core import (\n"
                "    thing,\n"
                ")\n"
                "x = 'import nothing'\n"),
        (Targets{"os", "sys", "pkg.util.strings", "pkg.diff", ".helpers", ".models", "..core"}));
}

TEST(ExtractImportsTest, JavaScriptAndTypeScript) {
    EXPECT_EQ(
        Imports("web/src/app.ts",
                "import React from 'react';\n"
                "import { parseDiffHunk } from \"./diff\";\n"
                "import {\n"
                "  a,\n"
                "} from '../lib/util';\n"
                "import './styles.css';\n"
                "export * from './reexport';\n"
                "const fs = require('fs');\n"
                "const lazy = await import('./lazy');\n"),
        (Targets{"react", "./diff", "../lib/util", "./styles.css", "./reexport", "fs", "./lazy"}));
}

TEST(ExtractImportsTest, GoSingleAndBlockImports) {
    EXPECT_EQ(Imports("cmd/main.go",
                      "package main\n"
                      "import \"fmt\"\n"
                      "import (\n"
                      "\t\"os\"\n"
                      "\tutil \"example.com/m/pkg/util\"\n"
                      ")\n"),
              (Targets{"fmt", "os", "example.com/m/pkg/util"}));
}

TEST(ExtractImportsTest, CIncludesInQuotesAndAngleBrackets) {
    EXPECT_EQ(Imports("src/a.cpp",
                      "#include \"review/diff.hpp\"\n"
                      "#include <vector>\n"
                      "#include <boost/config.hpp>\n"
                      "#  include \"local.h\"\n"
                      "#define include_guard\n"),
              (Targets{"review/diff.hpp", "vector", "boost/config.hpp", "local.h"}));
}

TEST(ExtractImportsTest, JavaAndKotlin) {
    EXPECT_EQ(Imports("src/main/java/com/x/App.java",
                      "package com.x;\n"
                      "import com.x.util.Helper;\n"
                      "import static com.x.util.Strings.trim;\n"
                      "import java.util.*;\n"),
              (Targets{"com.x.util.Helper", "com.x.util.Strings", "java.util.*"}));
    EXPECT_EQ(Imports("App.kt", "import com.x.util.Helper as H\n"), (Targets{"com.x.util.Helper"}));
}

TEST(ExtractImportsTest, RustUseAndModDeclarations) {
    EXPECT_EQ(Imports("src/main.rs",
                      "use std::collections::HashMap;\n"
                      "use crate::diff::{parse, Hunk};\n"
                      "pub use crate::util::helpers::Thing;\n"
                      "mod diff;\n"
                      "mod inline { }\n"),
              (Targets{"std::collections::HashMap", "crate::diff", "crate::util::helpers::Thing",
                       "self::diff"}));
}

TEST(ExtractImportsTest, OtherLanguagesImportNothing) {
    EXPECT_TRUE(Imports("README.md", "import x from 'y'\n").empty());
}

class ImportResolverTest : public ::testing::Test {
protected:
    ImportResolver resolver{
        {"src/review/diff.hpp", "src/review/diff.cpp", "include/lib/api.h", "pkg/__init__.py",
         "pkg/util/strings.py", "pkg/diff.py", "pkg/core/__init__.py", "web/src/diff.ts",
         "web/lib/util/index.js", "web/src/styles.css", "go/pkg/util/util.go", "go/pkg/util/b.go",
         "go/pkg/util/util_test.go", "src/main/java/com/x/util/Helper.java", "rust/src/main.rs",
         "rust/src/diff.rs", "rust/src/util/mod.rs", "rust/src/util/helpers.rs"},
        "example.com/m"};
};

TEST_F(ImportResolverTest, CIncludesBesideTheFileFromTheRootOrByTail) {
    EXPECT_EQ(resolver.Resolve("src/review/diff.cpp", "diff.hpp"), "src/review/diff.hpp");
    EXPECT_EQ(resolver.Resolve("src/app/main.cpp", "review/diff.hpp"), "src/review/diff.hpp")
        << "an include directory (src/) is found by the path's tail";
    EXPECT_EQ(resolver.Resolve("src/x.c", "lib/api.h"), "include/lib/api.h");
    EXPECT_EQ(resolver.Resolve("src/x.c", "missing.h"), std::nullopt);
    EXPECT_EQ(resolver.Resolve("src/app/main.cpp", "api.h"), std::nullopt)
        << "a bare name is not looked for by its tail across the repository";
}

TEST_F(ImportResolverTest, PythonModulesAndRelativeImports) {
    EXPECT_EQ(resolver.Resolve("pkg/app.py", "pkg.util.strings"), "pkg/util/strings.py");
    EXPECT_EQ(resolver.Resolve("pkg/app.py", "pkg.core"), "pkg/core/__init__.py");
    EXPECT_EQ(resolver.Resolve("pkg/app.py", ".diff"), "pkg/diff.py");
    EXPECT_EQ(resolver.Resolve("pkg/core/x.py", "..diff"), "pkg/diff.py");
    EXPECT_EQ(resolver.Resolve("pkg/app.py", "os"), std::nullopt);
}

TEST_F(ImportResolverTest, ScriptRelativePathsWithExtensionsAndIndexFiles) {
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "./diff"), "web/src/diff.ts");
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "./diff.js"), "web/src/diff.ts")
        << "TypeScript imports name the compiled .js";
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "../lib/util"), "web/lib/util/index.js");
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "./styles.css"), "web/src/styles.css");
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "react"), std::nullopt);
    EXPECT_EQ(resolver.Resolve("web/src/app.ts", "../../../outside"), std::nullopt);
}

TEST_F(ImportResolverTest, GoPackagesOfTheModuleMapToTheirFirstFile) {
    EXPECT_EQ(resolver.Resolve("go/cmd/main.go", "example.com/m/go/pkg/util"), "go/pkg/util/b.go");
    EXPECT_EQ(resolver.Resolve("go/cmd/main.go", "fmt"), std::nullopt);
}

TEST_F(ImportResolverTest, JavaClassesByPackagePath) {
    EXPECT_EQ(resolver.Resolve("src/main/java/com/x/App.java", "com.x.util.Helper"),
              "src/main/java/com/x/util/Helper.java");
    EXPECT_EQ(resolver.Resolve("src/main/java/com/x/App.java", "com.x.util.Helper.Inner"),
              "src/main/java/com/x/util/Helper.java");
    EXPECT_EQ(resolver.Resolve("src/main/java/com/x/App.java", "java.util.*"), std::nullopt);
}

TEST_F(ImportResolverTest, RustModulesFromTheCrateRootAndSelf) {
    EXPECT_EQ(resolver.Resolve("rust/src/main.rs", "self::diff"), "rust/src/diff.rs");
    EXPECT_EQ(resolver.Resolve("rust/src/main.rs", "crate::util::helpers::Thing"),
              "rust/src/util/helpers.rs");
    EXPECT_EQ(resolver.Resolve("rust/src/diff.rs", "crate::util"), "rust/src/util/mod.rs");
    EXPECT_EQ(resolver.Resolve("rust/src/util/helpers.rs", "super::super::diff"),
              "rust/src/diff.rs");
    EXPECT_EQ(resolver.Resolve("rust/src/main.rs", "std::collections::HashMap"), std::nullopt);
}

TEST(GoModulePathTest, ReadsTheModuleLine) {
    EXPECT_EQ(ImportResolver::GoModulePath("// c\nmodule example.com/m\n\ngo 1.21\n"),
              "example.com/m");
    EXPECT_EQ(ImportResolver::GoModulePath("go 1.21\n"), "");
}

TEST(JoinPathTest, ResolvesDotsAndRefusesToLeaveTheRoot) {
    EXPECT_EQ(JoinPath("a/b", "../c/./d.h"), "a/c/d.h");
    EXPECT_EQ(JoinPath("", "x.h"), "x.h");
    EXPECT_EQ(JoinPath("a", "../../x.h"), std::nullopt);
}

}  // namespace
}  // namespace nectr::index
