#pragma once

// A small repository in several languages, written to a temporary folder for the index tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/subprocess.hpp"

namespace nectr::index::fixture {

inline void WriteFile(const std::string& root, const std::string& path, const std::string& text) {
    const std::filesystem::path full = std::filesystem::path(root) / path;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << text;
}

// Runs git in `root` with a fixed identity; a failure fails the test.
inline void Git(const std::string& root, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", root, "-c", "user.name=Fixture", "-c",
                               "user.email=fixture@example.com", "-c", "commit.gpgsign=false"});
    auto run = core::RunProcess(args);
    ASSERT_TRUE(run) << run.error().detail;
    ASSERT_EQ(run->exit_code, 0) << run->err;
}

// Line numbers the tests check, as written below.
inline constexpr int kParseDiffHunkComment = 7;
inline constexpr int kParseDiffHunkStart = 8;
inline constexpr int kParseDiffHunkEnd = 15;

inline const std::map<std::string, std::string>& Files() {
    static const std::map<std::string, std::string> kFiles = {
        {"src/diff/parser.ts",
         "export interface Hunk {\n"                                               // 1
         "  oldStart: number;\n"                                                   // 2
         "  newStart: number;\n"                                                   // 3
         "}\n"                                                                     // 4
         "\n"                                                                      // 5
         "const HEADER = /^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)/;\n"                     // 6
         "// Reads the header line of one hunk of a unified diff.\n"               // 7
         "export function parseDiffHunk(header: string): Hunk {\n"                 // 8
         "  const match = HEADER.exec(header);\n"                                  // 9
         "  if (!match) {\n"                                                       // 10
         "    throw new Error(`not a hunk header: ${header}`);\n"                  // 11
         "  }\n"                                                                   // 12
         "  return { oldStart: Number(match[1]), newStart: Number(match[2]) };\n"  // 13
         "  // the header line is all it reads\n"                                  // 14
         "}\n"                                                                     // 15
         "\n"                                                                      // 16
         "export function countLines(text: string): number {\n"                    // 17
         "  return text.split('\\n').length;\n"                                    // 18
         "}\n"},                                                                   // 19
        // Calls parseDiffHunk more often than its definition names it: the definition must
        // still rank first.
        {"src/app.ts",
         "import { parseDiffHunk } from './diff/parser';\n"
         "import React from 'react';\n"
         "\n"
         "export function render(lines: string[]) {\n"
         "  const first = parseDiffHunk(lines[0]);\n"
         "  const second = parseDiffHunk(lines[1]);\n"
         "  const third = parseDiffHunk(lines[2]);\n"
         "  // parse each diff hunk header with parseDiffHunk\n"
         "  return [first, second, third, React];\n"
         "}\n"},
        {"py/pkg/__init__.py", ""},
        {"py/pkg/strings.py",
         "import re\n"
         "\n"
         "\n"
         "def split_words(text):\n"
         "    \"\"\"Splits text into words.\"\"\"\n"
         "    return re.findall(r\"\\w+\", text)\n"},
        {"py/pkg/app.py",
         "from pkg.strings import split_words\n"
         "from . import strings\n"
         "\n"
         "\n"
         "def main():\n"
         "    print(split_words('a b'), strings)\n"},
        {"go.mod", "module example.com/fixture\n\ngo 1.21\n"},
        {"util/util.go",
         "package util\n"
         "\n"
         "import \"strings\"\n"
         "\n"
         "// Join joins words with a space.\n"
         "func Join(words []string) string {\n"
         "\treturn strings.Join(words, \" \")\n"
         "}\n"},
        {"main.go",
         "package main\n"
         "\n"
         "import (\n"
         "\t\"fmt\"\n"
         "\t\"example.com/fixture/util\"\n"
         ")\n"
         "\n"
         "func main() {\n"
         "\tfmt.Println(util.Join([]string{\"a\"}))\n"
         "}\n"},
        {"include/fixture/api.h", "#pragma once\nint fixture_answer(void);\n"},
        {"src/api.c",
         "#include \"fixture/api.h\"\n"
         "#include <stdio.h>\n"
         "\n"
         "int fixture_answer(void) {\n"
         "    return 42;\n"
         "}\n"},
        {"rs/src/main.rs", "mod diff;\n\nfn main() {\n    diff::run();\n}\n"},
        {"rs/src/diff.rs", "pub fn run() {\n    println!(\"diff\");\n}\n"},
        {"java/com/acme/App.java",
         "package com.acme;\n"
         "\n"
         "import com.acme.util.Strings;\n"
         "\n"
         "public class App {\n"
         "    public static void main(String[] args) {\n"
         "        System.out.println(Strings.shout(\"hi\"));\n"
         "    }\n"
         "}\n"},
        {"java/com/acme/util/Strings.java",
         "package com.acme.util;\n"
         "\n"
         "public class Strings {\n"
         "    public static String shout(String s) {\n"
         "        return s.toUpperCase();\n"
         "    }\n"
         "}\n"},
        {"README.md", "# Fixture\n\nA repository for the index tests.\nIt has a zebra crossing.\n"},
        {"vendor/lib/vendored.go", "package lib\n\nfunc Vendored() {}\n"},
        {"assets/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11)},
    };
    return kFiles;
}

// Files the index keeps: Files() but the vendored one and the image, plus docs/notes.txt.
inline constexpr std::size_t kIndexedFiles = 16;

inline std::string NotesText() {
    std::string text;
    for (int i = 1; i <= 130; ++i) {
        text += "note " + std::to_string(i) + " about the release\n";
    }
    return text;
}

// Writes Files() (and a 130-line notes file without symbols) under `root`.
inline void WriteAll(const std::string& root) {
    for (const auto& [path, text] : Files()) {
        WriteFile(root, path, text);
    }
    WriteFile(root, "docs/notes.txt", NotesText());
}

// Writes the files and commits them in a new repository at `root`.
inline void CreateRepository(const std::string& root) {
    WriteAll(root);
    Git(root, {"init", "-q"});
    Git(root, {"add", "-A"});
    Git(root, {"commit", "-q", "-m", "fixture"});
}

}  // namespace nectr::index::fixture
