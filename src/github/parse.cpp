#include "github/parse.hpp"

#include <fmt/core.h>

#include <boost/json/value.hpp>
#include <functional>

#include "github/base64.hpp"
#include "github/json_fields.hpp"

namespace nectr::github {
namespace {

namespace json = boost::json;
using core::Errc;

User UserFrom(const json::object* object) {
    User user;
    if (object != nullptr) {
        user.id = IntAt(*object, "id");
        user.login = StringAt(*object, "login");
        user.type = StringAt(*object, "type");
    }
    return user;
}

BranchRef BranchFrom(const json::object* object) {
    BranchRef branch;
    if (object != nullptr) {
        branch.ref = StringAt(*object, "ref");
        branch.sha = StringAt(*object, "sha");
        branch.label = StringAt(*object, "label");
        branch.repo_full_name = NestedStringAt(*object, "repo", "full_name");
    }
    return branch;
}

PullRequest PullRequestFrom(const json::object& object) {
    PullRequest pull;
    pull.id = IntAt(object, "id");
    pull.number = static_cast<int>(IntAt(object, "number"));
    pull.state = StringAt(object, "state");
    pull.title = StringAt(object, "title");
    pull.body = StringAt(object, "body");
    pull.draft = BoolAt(object, "draft");
    pull.merged = BoolAt(object, "merged");
    pull.user = UserFrom(ObjectAt(object, "user"));
    pull.head = BranchFrom(ObjectAt(object, "head"));
    pull.base = BranchFrom(ObjectAt(object, "base"));
    pull.html_url = StringAt(object, "html_url");
    pull.commits = static_cast<int>(IntAt(object, "commits"));
    pull.additions = static_cast<int>(IntAt(object, "additions"));
    pull.deletions = static_cast<int>(IntAt(object, "deletions"));
    pull.changed_files = static_cast<int>(IntAt(object, "changed_files"));
    pull.created_at = StringAt(object, "created_at");
    pull.updated_at = StringAt(object, "updated_at");
    pull.merged_at = StringAt(object, "merged_at");
    return pull;
}

ChangedFile ChangedFileFrom(const json::object& object) {
    ChangedFile file;
    file.filename = StringAt(object, "filename");
    file.previous_filename = StringAt(object, "previous_filename");
    file.status = StringAt(object, "status");
    file.sha = StringAt(object, "sha");
    file.additions = static_cast<int>(IntAt(object, "additions"));
    file.deletions = static_cast<int>(IntAt(object, "deletions"));
    file.changes = static_cast<int>(IntAt(object, "changes"));
    const json::value* patch = object.if_contains("patch");
    file.has_patch = patch != nullptr && patch->is_string();
    file.patch = StringAt(object, "patch");
    return file;
}

TreeEntry TreeEntryFrom(const json::object& object) {
    TreeEntry entry;
    entry.path = StringAt(object, "path");
    entry.mode = StringAt(object, "mode");
    entry.type = StringAt(object, "type");
    entry.sha = StringAt(object, "sha");
    entry.size = OptionalIntAt(object, "size");
    return entry;
}

Commit CommitFrom(const json::object& object) {
    Commit commit;
    commit.sha = StringAt(object, "sha");
    if (const json::object* inner = ObjectAt(object, "commit")) {
        commit.message = StringAt(*inner, "message");
        commit.author_name = NestedStringAt(*inner, "author", "name");
        commit.author_email = NestedStringAt(*inner, "author", "email");
        commit.author_date = NestedStringAt(*inner, "author", "date");
    }
    commit.author_login = NestedStringAt(object, "author", "login");
    if (const json::array* parents = ArrayAt(object, "parents")) {
        for (const json::value& parent : *parents) {
            if (const json::object* entry = parent.if_object()) {
                commit.parent_shas.push_back(StringAt(*entry, "sha"));
            }
        }
    }
    return commit;
}

Review ReviewFrom(const json::object& object) {
    Review review;
    review.id = IntAt(object, "id");
    review.state = StringAt(object, "state");
    review.body = StringAt(object, "body");
    review.commit_id = StringAt(object, "commit_id");
    review.user_login = NestedStringAt(object, "user", "login");
    review.submitted_at = StringAt(object, "submitted_at");
    review.html_url = StringAt(object, "html_url");
    return review;
}

Webhook WebhookFrom(const json::object& object) {
    Webhook hook;
    hook.id = IntAt(object, "id");
    hook.name = StringAt(object, "name");
    hook.active = BoolAt(object, "active");
    hook.events = StringsAt(object, "events");
    hook.url = NestedStringAt(object, "config", "url");
    hook.content_type = NestedStringAt(object, "config", "content_type");
    hook.created_at = StringAt(object, "created_at");
    hook.updated_at = StringAt(object, "updated_at");
    return hook;
}

Repository RepositoryFrom(const json::object& object) {
    Repository repo;
    repo.id = IntAt(object, "id");
    repo.name = StringAt(object, "name");
    repo.full_name = StringAt(object, "full_name");
    repo.owner_login = NestedStringAt(object, "owner", "login");
    repo.is_private = BoolAt(object, "private");
    repo.fork = BoolAt(object, "fork");
    repo.archived = BoolAt(object, "archived");
    repo.default_branch = StringAt(object, "default_branch");
    repo.html_url = StringAt(object, "html_url");
    if (const json::object* permissions = ObjectAt(object, "permissions")) {
        repo.can_admin = BoolAt(*permissions, "admin");
        repo.can_push = BoolAt(*permissions, "push");
    }
    return repo;
}

core::Error WrongShape(std::string_view what, std::string_view expected) {
    return core::MakeError(Errc::kUpstream,
                           fmt::format("GitHub sent {} that is not a JSON {}", what, expected));
}

template <typename T>
core::Result<T> ParseObject(std::string_view body, std::string_view what,
                            const std::function<T(const json::object&)>& convert) {
    auto value = ParseJson(body, what);
    if (!value) {
        return value.error();
    }
    const json::object* object = value->if_object();
    if (object == nullptr) {
        return WrongShape(what, "object");
    }
    return convert(*object);
}

template <typename T>
core::Result<std::vector<T>> ParseArray(std::string_view body, std::string_view what,
                                        const std::function<T(const json::object&)>& convert) {
    auto value = ParseJson(body, what);
    if (!value) {
        return value.error();
    }
    const json::array* array = value->if_array();
    if (array == nullptr) {
        return WrongShape(what, "array");
    }
    std::vector<T> items;
    items.reserve(array->size());
    for (const json::value& entry : *array) {
        const json::object* object = entry.if_object();
        if (object == nullptr) {
            return WrongShape(fmt::format("an entry of {}", what), "object");
        }
        items.push_back(convert(*object));
    }
    return items;
}

}  // namespace

core::Result<PullRequest> ParsePullRequest(std::string_view body) {
    return ParseObject<PullRequest>(body, "a pull request", PullRequestFrom);
}

core::Result<std::vector<ChangedFile>> ParseChangedFiles(std::string_view body) {
    return ParseArray<ChangedFile>(body, "a list of files", ChangedFileFrom);
}

core::Result<FileContent> ParseFileContent(std::string_view body) {
    auto value = ParseJson(body, "file contents");
    if (!value) {
        return value.error();
    }
    const json::object* object = value->if_object();
    if (object == nullptr) {
        return core::MakeError(Errc::kInvalidInput, "the path is a directory, not a file");
    }
    FileContent file;
    file.path = StringAt(*object, "path");
    file.sha = StringAt(*object, "sha");
    file.size = IntAt(*object, "size");
    const std::string type = StringAt(*object, "type");
    if (type != "file") {
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("{} is a {}, not a file", file.path, type));
    }
    const std::string encoding = StringAt(*object, "encoding");
    if (encoding == "none" || (encoding.empty() && file.size > 0)) {
        return core::MakeError(
            Errc::kTooLarge,
            fmt::format("{} has {} bytes, more than GitHub returns as JSON", file.path, file.size));
    }
    if (encoding != "base64") {
        return core::MakeError(
            Errc::kUpstream,
            fmt::format("GitHub sent {} in an unknown encoding '{}'", file.path, encoding));
    }
    auto decoded = DecodeBase64(StringAt(*object, "content"));
    if (!decoded) {
        return core::MakeError(Errc::kUpstream,
                               fmt::format("GitHub sent {} as invalid base64", file.path));
    }
    file.content = std::move(*decoded);
    return file;
}

core::Result<Tree> ParseTree(std::string_view body) {
    std::function<Tree(const json::object&)> convert = [](const json::object& object) {
        Tree tree;
        tree.sha = StringAt(object, "sha");
        tree.truncated = BoolAt(object, "truncated");
        if (const json::array* entries = ArrayAt(object, "tree")) {
            tree.entries.reserve(entries->size());
            for (const json::value& entry : *entries) {
                if (const json::object* item = entry.if_object()) {
                    tree.entries.push_back(TreeEntryFrom(*item));
                }
            }
        }
        return tree;
    };
    return ParseObject<Tree>(body, "a tree", convert);
}

core::Result<std::vector<Commit>> ParseCommits(std::string_view body) {
    return ParseArray<Commit>(body, "a list of commits", CommitFrom);
}

core::Result<Comparison> ParseComparison(std::string_view body) {
    std::function<Comparison(const json::object&)> convert = [](const json::object& object) {
        Comparison comparison;
        comparison.status = StringAt(object, "status");
        comparison.ahead_by = static_cast<int>(IntAt(object, "ahead_by"));
        comparison.behind_by = static_cast<int>(IntAt(object, "behind_by"));
        comparison.total_commits = static_cast<int>(IntAt(object, "total_commits"));
        comparison.merge_base_sha = NestedStringAt(object, "merge_base_commit", "sha");
        if (const json::array* commits = ArrayAt(object, "commits")) {
            for (const json::value& entry : *commits) {
                if (const json::object* item = entry.if_object()) {
                    comparison.commits.push_back(CommitFrom(*item));
                }
            }
        }
        if (const json::array* files = ArrayAt(object, "files")) {
            for (const json::value& entry : *files) {
                if (const json::object* item = entry.if_object()) {
                    comparison.files.push_back(ChangedFileFrom(*item));
                }
            }
        }
        return comparison;
    };
    return ParseObject<Comparison>(body, "a comparison", convert);
}

core::Result<Review> ParseReview(std::string_view body) {
    return ParseObject<Review>(body, "a review", ReviewFrom);
}

core::Result<std::vector<Review>> ParseReviews(std::string_view body) {
    return ParseArray<Review>(body, "a list of reviews", ReviewFrom);
}

namespace {

IssueComment IssueCommentFrom(const json::object& object) {
    IssueComment comment;
    comment.id = IntAt(object, "id");
    comment.body = StringAt(object, "body");
    comment.user_login = NestedStringAt(object, "user", "login");
    comment.html_url = StringAt(object, "html_url");
    comment.created_at = StringAt(object, "created_at");
    return comment;
}

}  // namespace

core::Result<IssueComment> ParseIssueComment(std::string_view body) {
    std::function<IssueComment(const json::object&)> convert = IssueCommentFrom;
    return ParseObject<IssueComment>(body, "an issue comment", convert);
}

core::Result<std::vector<IssueComment>> ParseIssueComments(std::string_view body) {
    return ParseArray<IssueComment>(body, "a list of issue comments", IssueCommentFrom);
}

namespace {

Reaction ReactionFrom(const json::object& object) {
    Reaction reaction;
    reaction.id = IntAt(object, "id");
    reaction.content = StringAt(object, "content");
    reaction.user_login = NestedStringAt(object, "user", "login");
    return reaction;
}

PullComment PullCommentFrom(const json::object& object) {
    PullComment comment;
    comment.id = IntAt(object, "id");
    comment.body = StringAt(object, "body");
    comment.path = StringAt(object, "path");
    comment.user_login = NestedStringAt(object, "user", "login");
    if (const json::value* reply_to = object.if_contains("in_reply_to_id");
        reply_to != nullptr && reply_to->is_int64()) {
        comment.in_reply_to_id = reply_to->as_int64();
    }
    return comment;
}

}  // namespace

core::Result<Reaction> ParseReaction(std::string_view body) {
    return ParseObject<Reaction>(body, "a reaction", ReactionFrom);
}

core::Result<std::vector<Reaction>> ParseReactions(std::string_view body) {
    return ParseArray<Reaction>(body, "a list of reactions", ReactionFrom);
}

core::Result<PullComment> ParsePullComment(std::string_view body) {
    return ParseObject<PullComment>(body, "a review comment", PullCommentFrom);
}

core::Result<std::vector<PullComment>> ParsePullComments(std::string_view body) {
    return ParseArray<PullComment>(body, "a list of review comments", PullCommentFrom);
}

core::Result<Webhook> ParseWebhook(std::string_view body) {
    return ParseObject<Webhook>(body, "a webhook", WebhookFrom);
}

core::Result<std::vector<Webhook>> ParseWebhooks(std::string_view body) {
    return ParseArray<Webhook>(body, "a list of webhooks", WebhookFrom);
}

core::Result<std::vector<Repository>> ParseRepositories(std::string_view body) {
    return ParseArray<Repository>(body, "a list of repositories", RepositoryFrom);
}

core::Result<InstallationToken> ParseInstallationToken(std::string_view body) {
    auto value = ParseJson(body, "an installation token");
    if (!value) {
        return value.error();
    }
    const json::object* object = value->if_object();
    if (object == nullptr) {
        return WrongShape("an installation token", "object");
    }
    InstallationToken token{StringAt(*object, "token"), StringAt(*object, "expires_at")};
    if (token.token.empty() || !ParseTimestamp(token.expires_at)) {
        return core::MakeError(Errc::kUpstream,
                               "GitHub's installation token answer lacks a token or expires_at");
    }
    return token;
}

}  // namespace nectr::github
