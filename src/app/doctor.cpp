#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/embedder_setup.hpp"
#include "app/llm_setup.hpp"
#include "app/settings.hpp"
#include "core/version.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"
#include "store/sql.hpp"

namespace nectr::app {
namespace {

enum class Outcome { kOk, kWarn, kFail };

struct Check {
    std::string name;
    Outcome outcome;
    std::string detail;
};

std::string_view OutcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::kOk:
            return "ok";
        case Outcome::kWarn:
            return "warn";
        case Outcome::kFail:
            return "fail";
    }
    return "fail";
}

Check CheckDatabase(const core::Config& config) {
    store::DatabaseOptions options;
    options.url = config.database_url;
    auto db = store::OpenDatabase(options);
    if (!db) {
        return {"database", Outcome::kFail, db.error().detail};
    }
    auto version = store::CurrentSchemaVersion(**db);
    if (!version) {
        return {"database", Outcome::kFail, (*db)->Describe() + ": " + version.error().detail};
    }
    auto migrations = store::sql::AllMigrations();
    int latest = migrations.empty() ? 0 : migrations.back().version;
    std::string detail = (*db)->Describe() + " answers; schema version " +
                         std::to_string(*version) + " of " + std::to_string(latest);
    if (*version < latest) {
        return {"database", Outcome::kWarn, detail + " (run nectr migrate, or start nectr serve)"};
    }
    if (*version > latest) {
        return {"database", Outcome::kFail, detail + " (the database is newer than this binary)"};
    }
    return {"database", Outcome::kOk, detail};
}

std::vector<Check> RunChecks(core::Config& config) {
    std::vector<Check> checks;
    if (auto prepared = PrepareDataDir(config); !prepared) {
        checks.push_back({"data_dir", Outcome::kFail, prepared.error().detail});
    } else {
        checks.push_back(
            {"data_dir", Outcome::kOk, std::filesystem::absolute(config.data_dir).string()});
    }
    std::string weakness = core::SecretKeyWeakness(config.secret_key);
    checks.push_back({"secret_key", weakness.empty() ? Outcome::kOk : Outcome::kWarn,
                      weakness.empty() ? "set" : "weak: " + weakness});
    checks.push_back(CheckDatabase(config));
    bool github = !config.github.token.empty() || !config.github.app_id.empty();
    checks.push_back({"github", github ? Outcome::kOk : Outcome::kWarn,
                      github
                          ? "credentials set for " + config.github.api_url
                          : "no GITHUB_TOKEN or GitHub App: reviews cannot be fetched or posted"});
    bool oauth = !config.github.client_id.empty() && !config.github.client_secret.empty();
    checks.push_back({"github_oauth", oauth ? Outcome::kOk : Outcome::kWarn,
                      oauth ? "OAuth app set" : "GITHUB_CLIENT_ID/SECRET not set: sign-in is off"});
    const std::string provider = DescribeProvider(config);
    bool llm = provider != "none";
    checks.push_back(
        {"llm", llm ? Outcome::kOk : Outcome::kWarn,
         llm ? "reviews use " + provider
             : "no model configured (ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENAI_BASE_URL or "
               "LLM_PROVIDER): reviews use the offline analyzers only"});
    // Configured, not probed: like the model, the service is first called by real work.
    checks.push_back({"embeddings", Outcome::kOk,
                      config.embeddings.Enabled()
                          ? "code search adds vectors of " + DescribeEmbeddings(config)
                          : "off (EMBEDDINGS_BASE_URL not set): code search is full text and "
                            "proximity"});
    return checks;
}

}  // namespace

int RunDoctor(core::Config config, bool as_json) {
    std::vector<Check> checks = RunChecks(config);
    auto settings = core::DescribeConfig(config);
    settings.emplace_back("DATABASE_URL", store::MaskDatabaseUrl(config.database_url));
    bool failed = false;
    for (const Check& check : checks) {
        failed = failed || check.outcome == Outcome::kFail;
    }
    if (as_json) {
        boost::json::object out{{"version", core::kVersion}, {"healthy", !failed}};
        boost::json::object effective;
        for (const auto& [key, value] : settings) {
            effective[key] = value;
        }
        boost::json::array list;
        for (const Check& check : checks) {
            list.push_back({{"name", check.name},
                            {"status", OutcomeName(check.outcome)},
                            {"detail", check.detail}});
        }
        out["settings"] = std::move(effective);
        out["checks"] = std::move(list);
        std::cout << boost::json::serialize(out) << "\n";
        return failed ? 1 : 0;
    }
    std::cout << "nectr " << core::kVersion << "\n\nSettings:\n";
    for (const auto& [key, value] : settings) {
        std::cout << "  " << key << " = " << value << "\n";
    }
    std::cout << "\nChecks:\n";
    for (const Check& check : checks) {
        std::cout << "  [" << OutcomeName(check.outcome) << "] " << check.name << ": "
                  << check.detail << "\n";
    }
    std::cout << (failed ? "\nSome checks failed.\n" : "\nNo check failed.\n");
    return failed ? 1 : 0;
}

}  // namespace nectr::app
