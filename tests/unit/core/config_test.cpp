#include "core/config.hpp"

#include <gtest/gtest.h>

namespace nectr::core {
namespace {

Result<Config> Load(std::map<std::string, std::string> env,
                    std::map<std::string, std::string> flags = {},
                    std::map<std::string, std::string> dotenv = {}) {
    return LoadConfig(ConfigSources{std::move(dotenv), std::move(env), std::move(flags)});
}

constexpr const char* kStrongKey = "q8Vh2mZk4TnR7wLx9PbC3sYd6FgJ1aUeK0oNiHt5";

TEST(ConfigTest, DefaultsToDevelopmentOnSqliteInTheDataDir) {
    auto config = Load({});
    ASSERT_TRUE(config) << config.error().detail;
    EXPECT_EQ(config->env, AppEnv::kDevelopment);
    EXPECT_EQ(config->host, "127.0.0.1");
    EXPECT_EQ(config->port, 8000);
    EXPECT_EQ(config->database_url, "sqlite:///./nectr-data/nectr.db");
    EXPECT_EQ(config->backend_url, "http://127.0.0.1:8000");
    EXPECT_EQ(config->frontend_url, config->backend_url);
}

TEST(ConfigTest, FlagsBeatEnvironmentWhichBeatsDotenv) {
    auto config = Load({{"PORT", "9001"}, {"HOST", "0.0.0.0"}}, {{"PORT", "9002"}},
                       {{"PORT", "9000"}, {"HOST", "10.0.0.1"}, {"LOG_LEVEL", "debug"}});
    ASSERT_TRUE(config) << config.error().detail;
    EXPECT_EQ(config->port, 9002);
    EXPECT_EQ(config->host, "0.0.0.0");
    EXPECT_EQ(config->log_level, LogLevel::kDebug)
        << ".env values apply when nothing overrides them";
}

TEST(ConfigTest, DataDirMovesTheDefaultDatabaseButNotAnExplicitOne) {
    auto moved = Load({}, {{"DATA_DIR", "/var/lib/nectr/"}});
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->database_url, "sqlite:////var/lib/nectr/nectr.db");
    auto pinned = Load({{"DATABASE_URL", "postgresql://u@h/db"}}, {{"DATA_DIR", "/x"}});
    ASSERT_TRUE(pinned);
    EXPECT_EQ(pinned->database_url, "postgresql://u@h/db");
}

TEST(ConfigTest, ListsEveryBadValueInOneMessage) {
    auto config = Load({{"PORT", "eighty"},
                        {"LOG_LEVEL", "loud"},
                        {"APP_ENV", "staging"},
                        {"GITHUB_API_URL", "ftp://example"}});
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, Errc::kInvalidInput);
    const std::string& detail = config.error().detail;
    EXPECT_NE(detail.find("PORT must be a number"), std::string::npos) << detail;
    EXPECT_NE(detail.find("LOG_LEVEL"), std::string::npos) << detail;
    EXPECT_NE(detail.find("APP_ENV"), std::string::npos) << detail;
    EXPECT_NE(detail.find("GITHUB_API_URL"), std::string::npos) << detail;
    EXPECT_EQ(detail.find('\n'), std::string::npos) << "the reason must fit on one line";
}

TEST(ConfigTest, RejectsAPortOutOfRange) {
    auto config = Load({{"PORT", "70000"}});
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().detail.find("70000"), std::string::npos);
}

TEST(ConfigTest, ProductionRefusesToStartWithoutASecretKey) {
    auto config = Load({{"APP_ENV", "production"}});
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().detail.find("SECRET_KEY is required in production"),
              std::string::npos);
}

TEST(ConfigTest, ProductionRefusesAWeakSecretKeyWithoutEchoingIt) {
    auto config = Load({{"APP_ENV", "production"}, {"SECRET_KEY", "shortkey123"}});
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().detail.find("too weak"), std::string::npos);
    EXPECT_EQ(config.error().detail.find("shortkey123"), std::string::npos)
        << "the secret must never appear in a message";
}

TEST(ConfigTest, ProductionAcceptsAStrongKeyAndListensOnAllInterfaces) {
    auto config = Load({{"APP_ENV", "production"}, {"SECRET_KEY", kStrongKey}});
    ASSERT_TRUE(config) << config.error().detail;
    EXPECT_EQ(config->host, "0.0.0.0");
    EXPECT_EQ(config->backend_url, "http://localhost:8000");
}

TEST(ConfigTest, SecretKeyWeaknessNamesTheReason) {
    EXPECT_NE(SecretKeyWeakness("changeme-changeme-changeme-changeme").find("placeholder"),
              std::string::npos);
    EXPECT_NE(SecretKeyWeakness("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").find("distinct"),
              std::string::npos);
    EXPECT_EQ(SecretKeyWeakness(kStrongKey), "");
}

TEST(ConfigTest, DescribeMasksEverySecret) {
    auto config = Load({{"SECRET_KEY", kStrongKey},
                        {"GITHUB_TOKEN", "ghp_supersecrettoken"},
                        {"ANTHROPIC_API_KEY", "sk-ant-secret"},
                        {"GITHUB_CLIENT_SECRET", "oauth-client-secret"},
                        {"ADMIN_API_TOKEN", "operator-secret-token"}});
    ASSERT_TRUE(config);
    bool token_listed = false;
    for (const auto& [key, value] : DescribeConfig(*config)) {
        EXPECT_EQ(value.find("secret"), std::string::npos) << key << " leaks: " << value;
        EXPECT_EQ(value.find(kStrongKey), std::string::npos) << key;
        token_listed = token_listed || (key == "ADMIN_API_TOKEN" && value == "set (masked)");
    }
    EXPECT_TRUE(token_listed) << "doctor must say whether the operator token is set";
}

TEST(ConfigTest, ReadsTheOperatorTokenAndRefusesAWeakOneInProduction) {
    auto development = Load({{"ADMIN_API_TOKEN", "dev-token"}});
    ASSERT_TRUE(development) << development.error().detail;
    EXPECT_EQ(development->admin_api_token, "dev-token");
    EXPECT_TRUE(Load({})->admin_api_token.empty()) << "unset means the operations API is closed";

    auto weak =
        Load({{"APP_ENV", "production"}, {"SECRET_KEY", kStrongKey}, {"ADMIN_API_TOKEN", "short"}});
    ASSERT_FALSE(weak);
    EXPECT_NE(weak.error().detail.find("ADMIN_API_TOKEN is too weak"), std::string::npos)
        << weak.error().detail;
    auto strong = Load({{"APP_ENV", "production"},
                        {"SECRET_KEY", kStrongKey},
                        {"ADMIN_API_TOKEN", "Zx81Qw7Ep3Rt5Yu9Io2Pa4Sd6Fg8Hj0KlMnBvCx"}});
    EXPECT_TRUE(strong) << strong.error().detail;
}

TEST(ConfigTest, WorkerPollIntervalIsSecondsWithinBounds) {
    EXPECT_EQ(Load({})->worker_poll_seconds, 0) << "0 picks the default of the command";
    auto set = Load({{"WORKER_POLL_INTERVAL", "60"}});
    ASSERT_TRUE(set) << set.error().detail;
    EXPECT_EQ(set->worker_poll_seconds, 60);
    for (const char* bad : {"0", "3601", "5s", "-1"}) {
        auto refused = Load({{"WORKER_POLL_INTERVAL", bad}});
        ASSERT_FALSE(refused) << bad;
        EXPECT_NE(refused.error().detail.find("WORKER_POLL_INTERVAL"), std::string::npos);
    }
}

TEST(ConfigTest, QueueLeaseIsSecondsWithinBounds) {
    EXPECT_EQ(Load({})->queue_lease_seconds, 60);
    auto set = Load({{"QUEUE_LEASE_SECONDS", "5"}});
    ASSERT_TRUE(set) << set.error().detail;
    EXPECT_EQ(set->queue_lease_seconds, 5);
    for (const char* bad : {"1", "3601", "60s", "-5", "x"}) {
        auto refused = Load({{"QUEUE_LEASE_SECONDS", bad}});
        ASSERT_FALSE(refused) << bad;
        EXPECT_NE(refused.error().detail.find("QUEUE_LEASE_SECONDS"), std::string::npos);
    }
}

TEST(ConfigTest, ReadsProviderSettingsAndTrimsTrailingSlashes) {
    auto config = Load({{"GITHUB_API_URL", "http://127.0.0.1:4010/"},
                        {"OPENAI_BASE_URL", "http://localhost:11434/v1/"},
                        {"ANTHROPIC_MODEL", "claude-opus-4"}});
    ASSERT_TRUE(config) << config.error().detail;
    EXPECT_EQ(config->github.api_url, "http://127.0.0.1:4010");
    EXPECT_EQ(config->openai.base_url, "http://localhost:11434/v1");
    EXPECT_EQ(config->anthropic.model, "claude-opus-4");
}

TEST(ConfigTest, EmbeddingsAreOffByDefaultAndNeedAModelWhenOn) {
    auto defaults = Load({});
    ASSERT_TRUE(defaults);
    EXPECT_FALSE(defaults->embeddings.Enabled());
    EXPECT_EQ(defaults->embeddings.batch, 64);
    auto on = Load({{"EMBEDDINGS_BASE_URL", "http://localhost:11434/v1/"},
                    {"EMBEDDINGS_MODEL", "nomic-embed-text"},
                    {"EMBEDDINGS_API_KEY", "sk-embed"},
                    {"EMBEDDINGS_BATCH", "16"}});
    ASSERT_TRUE(on) << on.error().detail;
    EXPECT_TRUE(on->embeddings.Enabled());
    EXPECT_EQ(on->embeddings.base_url, "http://localhost:11434/v1");
    EXPECT_EQ(on->embeddings.model, "nomic-embed-text");
    EXPECT_EQ(on->embeddings.batch, 16);
    for (const auto& [key, value] : DescribeConfig(*on)) {
        EXPECT_EQ(value.find("sk-embed"), std::string::npos) << key << " leaks the key";
    }
    auto no_model = Load({{"EMBEDDINGS_BASE_URL", "http://localhost:11434/v1"}});
    ASSERT_FALSE(no_model);
    EXPECT_NE(no_model.error().detail.find("EMBEDDINGS_MODEL is required"), std::string::npos);
    auto bad = Load({{"EMBEDDINGS_BASE_URL", "localhost:11434"},
                     {"EMBEDDINGS_MODEL", "m"},
                     {"EMBEDDINGS_BATCH", "0"}});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().detail.find("EMBEDDINGS_BASE_URL must be an http(s) URL"),
              std::string::npos);
    EXPECT_NE(bad.error().detail.find("EMBEDDINGS_BATCH"), std::string::npos);
}

TEST(ConfigTest, ReadsPreviousSecretKeysAsACommaSeparatedList) {
    EXPECT_TRUE(Load({})->secret_key_previous.empty());
    auto config = Load(
        {{"SECRET_KEY", kStrongKey}, {"SECRET_KEY_PREVIOUS", " older-key-one , ,older-key-two,"}});
    ASSERT_TRUE(config) << config.error().detail;
    EXPECT_EQ(config->secret_key_previous,
              (std::vector<std::string>{"older-key-one", "older-key-two"}))
        << "blanks around keys and empty entries are dropped, the order is kept";
}

TEST(ConfigTest, DescribeCountsPreviousSecretKeysWithoutShowingThem) {
    auto config = Load({{"SECRET_KEY_PREVIOUS", "first-retired-key,second-retired-key"}});
    ASSERT_TRUE(config);
    bool listed = false;
    for (const auto& [key, value] : DescribeConfig(*config)) {
        EXPECT_EQ(value.find("retired"), std::string::npos) << key << " leaks: " << value;
        listed = listed || (key == "SECRET_KEY_PREVIOUS" && value == "2 set (masked)");
    }
    EXPECT_TRUE(listed) << "doctor must say how many previous keys are accepted";
    for (const auto& [key, value] : DescribeConfig(*Load({}))) {
        if (key == "SECRET_KEY_PREVIOUS") {
            EXPECT_EQ(value, "not set");
        }
    }
}

TEST(ConfigTest, SessionCookieIsSecureByDefaultOnlyInProduction) {
    EXPECT_FALSE(Load({})->session_cookie_secure) << "development runs on plain http://localhost";
    auto production = Load({{"APP_ENV", "production"}, {"SECRET_KEY", kStrongKey}});
    ASSERT_TRUE(production) << production.error().detail;
    EXPECT_TRUE(production->session_cookie_secure);

    EXPECT_TRUE(Load({{"SESSION_COOKIE_SECURE", "true"}})->session_cookie_secure);
    EXPECT_TRUE(Load({{"SESSION_COOKIE_SECURE", "1"}})->session_cookie_secure);
    auto plain = Load({{"APP_ENV", "production"},
                       {"SECRET_KEY", kStrongKey},
                       {"SESSION_COOKIE_SECURE", "false"}});
    ASSERT_TRUE(plain) << plain.error().detail;
    EXPECT_FALSE(plain->session_cookie_secure);

    auto bad = Load({{"SESSION_COOKIE_SECURE", "sometimes"}});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().detail.find("SESSION_COOKIE_SECURE must be true or false"),
              std::string::npos)
        << bad.error().detail;
}

TEST(ConfigTest, SessionHoursDefaultToAWeekWithinOneHourToAYear) {
    EXPECT_EQ(Load({})->session_hours, 168);
    auto day = Load({{"SESSION_HOURS", "24"}});
    ASSERT_TRUE(day) << day.error().detail;
    EXPECT_EQ(day->session_hours, 24);
    EXPECT_EQ(Load({{"SESSION_HOURS", "8760"}})->session_hours, 8760);
    for (const char* bad : {"0", "8761", "-5", "1w", "24.5"}) {
        auto refused = Load({{"SESSION_HOURS", bad}});
        ASSERT_FALSE(refused) << bad;
        EXPECT_NE(refused.error().detail.find("SESSION_HOURS must be a number from 1 to 8760"),
                  std::string::npos)
            << refused.error().detail;
    }
}

}  // namespace
}  // namespace nectr::core
