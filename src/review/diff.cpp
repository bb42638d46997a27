#include "review/diff.hpp"

namespace nectr::review {

const std::string& FileDiff::Path() const {
    return status == FileStatus::kDeleted ? old_path : new_path;
}

int Diff::Additions() const {
    int total = 0;
    for (const FileDiff& file : files) {
        total += file.additions;
    }
    return total;
}

int Diff::Deletions() const {
    int total = 0;
    for (const FileDiff& file : files) {
        total += file.deletions;
    }
    return total;
}

const FileDiff* FindFile(const Diff& diff, std::string_view path) {
    for (const FileDiff& file : diff.files) {
        if (file.Path() == path) {
            return &file;
        }
    }
    for (const FileDiff& file : diff.files) {
        if (file.old_path == path) {
            return &file;
        }
    }
    return nullptr;
}

std::string_view FileStatusName(FileStatus status) {
    switch (status) {
        case FileStatus::kAdded:
            return "added";
        case FileStatus::kDeleted:
            return "removed";
        case FileStatus::kModified:
            return "modified";
        case FileStatus::kRenamed:
            return "renamed";
        case FileStatus::kCopied:
            return "copied";
    }
    return "modified";
}

std::optional<FileStatus> ParseFileStatus(std::string_view name) {
    if (name == "added") {
        return FileStatus::kAdded;
    }
    if (name == "removed") {
        return FileStatus::kDeleted;
    }
    if (name == "modified" || name == "changed" || name == "unchanged") {
        return FileStatus::kModified;
    }
    if (name == "renamed") {
        return FileStatus::kRenamed;
    }
    if (name == "copied") {
        return FileStatus::kCopied;
    }
    return std::nullopt;
}

}  // namespace nectr::review
