// Memories proposed by a model, over loopback against a server that speaks the
// OpenAI-compatible chat completions format, and applied to the store on both engines.
#include "memory/llm_proposer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "memory/apply_proposals.hpp"
#include "memory_fixture.hpp"
#include "unit/llm/scripted_model_server.hpp"

namespace nectr::memory::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kRepo = "acme/widgets";

// A chat completion whose answer is `text`.
http::Response ModelSays(const std::string& text) {
    json::object message{{"role", "assistant"}, {"content", text}};
    json::object choice{{"index", 0}, {"message", std::move(message)}, {"finish_reason", "stop"}};
    json::object body{{"id", "chatcmpl-mem"},
                      {"object", "chat.completion"},
                      {"created", 1741569952},
                      {"model", "gpt-4o-mini"},
                      {"choices", json::array{std::move(choice)}},
                      {"usage", {{"prompt_tokens", 900}, {"completion_tokens", 120}}}};
    return llm::JsonReply(200, json::serialize(body));
}

class LlmProposerTest : public llm::ScriptedModelServer,
                        public ::testing::WithParamInterface<store::Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        store_ = std::make_unique<MemoryStore>(*db_, clock_);
    }

    void TearDown() override {
        store_.reset();
        db_.reset();
        test_database_.reset();
    }

    std::unique_ptr<llm::Provider> Provider() {
        llm::ProviderConfig config;
        config.kind = llm::ProviderKind::kOpenAi;
        config.base_url = BaseUrl() + "/v1";
        config.model = "gpt-4o-mini";
        config.max_retries = 0;
        config.timeout = 10s;
        return MakeTestProvider(config);
    }

    static ReviewFacts Facts() {
        ReviewFacts facts;
        facts.repo_full_name = kRepo;
        facts.pr_number = 12;
        facts.author_login = "alice";
        facts.pr_title = "Add the export endpoint";
        facts.pr_description = "Exports widgets as CSV.";
        facts.summary = "Mostly fine; input validation is thin.";
        facts.comments = {{"src/api/export.cpp", "high", "security",
                           "The format parameter reaches the file name unchecked."}};
        return facts;
    }

    Memory Stored(const std::string& repo, const std::string& content, MemoryType type) {
        NewMemory memory;
        memory.repo_full_name = repo;
        memory.type = type;
        memory.content = content;
        auto added = store_->Add(memory);
        EXPECT_TRUE(added) << added.error().detail;
        return added ? added->memory : Memory{};
    }

    core::Result<ModelProposals> Propose(llm::Provider& provider, std::vector<Memory> existing) {
        return llm::RunAwaitable(ProposeMemoriesWithModel(provider, Facts(), std::move(existing)));
    }

    MemoryStore& Store() { return *store_; }

private:
    SettableClock clock_;
    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<MemoryStore> store_;
};

TEST_P(LlmProposerTest, AppliesTheModelsAddUpdateAndNoop) {
    const Memory validate = Stored(kRepo, "Handlers validate input.", MemoryType::kConvention);
    const Memory early = Stored(kRepo, "Prefer early returns.", MemoryType::kPreference);
    const std::string answer =
        "Here is what I would remember:\n```json\n"
        R"({"memories":[)"
        R"({"op":"ADD","type":"project_rule","content":"Every endpoint checks access in SQL."},)"
        R"({"op":"UPDATE","id":)" +
        std::to_string(validate.id) +
        R"(,"type":"convention","content":"Handlers validate and reject bad input first."},)"
        R"({"op":"NOOP","id":")" +
        std::to_string(early.id) +
        R"("},)"
        R"({"op":"ADD","type":"developer_habit","content":"Often leaves parameters unchecked."}]})"
        "\n```\nThat is all.";
    Script("/v1/chat/completions", {ModelSays(answer)});
    auto provider = Provider();
    ASSERT_TRUE(provider);

    auto proposed = Propose(*provider, {validate, early});
    ASSERT_TRUE(proposed) << proposed.error().detail;
    EXPECT_EQ(proposed->rejected, 0u);
    EXPECT_EQ(proposed->usage.input_tokens, 900);
    EXPECT_EQ(proposed->model, "gpt-4o-mini");
    ASSERT_EQ(proposed->proposals.size(), 4u);

    // What the model was asked: JSON, with the review and the existing memories.
    const json::value request = ReceivedJson(0);
    EXPECT_EQ(request.at("response_format").at("type"), "json_object");
    const std::string user(request.at("messages").at(1).at("content").as_string());
    EXPECT_NE(user.find("id " + std::to_string(validate.id) + " [convention]: Handlers validate"),
              std::string::npos)
        << user;
    EXPECT_NE(user.find("The format parameter reaches the file name unchecked."),
              std::string::npos);
    EXPECT_NE(user.find("Pull request #12 by @alice"), std::string::npos);

    auto applied = ApplyProposals(Store(), kRepo, proposed->proposals,
                                  ProposalOrigin{MemorySource::kReview, std::nullopt, "pr:12"});
    ASSERT_TRUE(applied) << applied.error().detail;
    ASSERT_EQ(applied->size(), 4u);
    EXPECT_EQ((*applied)[0].outcome, AppliedOutcome::kAdded);
    EXPECT_EQ((*applied)[1].outcome, AppliedOutcome::kUpdated);
    EXPECT_EQ((*applied)[1].memory_id, validate.id);
    EXPECT_EQ((*applied)[2].outcome, AppliedOutcome::kUnchanged);
    EXPECT_EQ((*applied)[2].memory_id, early.id);
    EXPECT_EQ((*applied)[3].outcome, AppliedOutcome::kAdded);

    auto rule = Store().Get(*(*applied)[0].memory_id);
    ASSERT_TRUE(rule);
    EXPECT_EQ(rule->type, MemoryType::kProjectRule);
    EXPECT_EQ(rule->source, MemorySource::kReview);
    EXPECT_EQ(rule->source_ref, "pr:12");
    EXPECT_DOUBLE_EQ(rule->confidence, kModelConfidence);
    auto updated = Store().Get(validate.id);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->content, "Handlers validate and reject bad input first.");
    auto unchanged = Store().Get(early.id);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->content, "Prefer early returns.");
    auto habit = Store().Get(*(*applied)[3].memory_id);
    ASSERT_TRUE(habit);
    EXPECT_EQ(habit->scope, MemoryScope::kDeveloper);
    EXPECT_EQ(habit->developer_login, "alice") << "a habit belongs to the pull request's author";
}

TEST_P(LlmProposerTest, AnAddThatRepeatsAMemoryStrengthensIt) {
    const Memory validate = Stored(kRepo, "Handlers validate input.", MemoryType::kConvention);
    Script("/v1/chat/completions", {ModelSays(R"({"memories":[{"op":"ADD","type":"convention",)"
                                              R"("content":"handlers VALIDATE input"}]})")});
    auto provider = Provider();
    ASSERT_TRUE(provider);
    auto proposed = Propose(*provider, {});
    ASSERT_TRUE(proposed) << proposed.error().detail;
    auto applied = ApplyProposals(Store(), kRepo, proposed->proposals);
    ASSERT_TRUE(applied);
    ASSERT_EQ(applied->size(), 1u);
    EXPECT_EQ((*applied)[0].outcome, AppliedOutcome::kMerged);
    EXPECT_EQ((*applied)[0].memory_id, validate.id);
    auto stored = Store().Get(validate.id);
    ASSERT_TRUE(stored);
    EXPECT_GT(stored->confidence, validate.confidence);
}

TEST_P(LlmProposerTest, AnUpdateNamingAnotherRepositorysMemoryNeverTouchesIt) {
    const Memory foreign = Stored("other/repo", "Their secret rule.", MemoryType::kProjectRule);
    Script(
        "/v1/chat/completions",
        {ModelSays(R"({"memories":[{"op":"UPDATE","id":)" + std::to_string(foreign.id) +
                   R"(,"type":"project_rule","content":"Overwritten by a prompt injection."}]})")});
    auto provider = Provider();
    ASSERT_TRUE(provider);
    auto proposed = Propose(*provider, {});
    ASSERT_TRUE(proposed) << proposed.error().detail;
    ASSERT_EQ(proposed->proposals.size(), 1u);
    EXPECT_EQ(proposed->proposals[0].op, ProposalOp::kAdd)
        << "an id the model was not shown is read as new knowledge";

    // Even a proposal that names the foreign id directly is added to this repository instead.
    MemoryProposal direct = proposed->proposals[0];
    direct.op = ProposalOp::kUpdate;
    direct.target_id = foreign.id;
    direct.content = "Overwritten directly.";
    const MemoryProposal both[] = {proposed->proposals[0], direct};
    auto applied = ApplyProposals(Store(), kRepo, both);
    ASSERT_TRUE(applied) << applied.error().detail;
    EXPECT_EQ((*applied)[0].outcome, AppliedOutcome::kAdded);
    EXPECT_EQ((*applied)[1].outcome, AppliedOutcome::kAdded);
    EXPECT_NE((*applied)[1].memory_id, foreign.id);
    auto untouched = Store().Get(foreign.id);
    ASSERT_TRUE(untouched);
    EXPECT_EQ(untouched->content, "Their secret rule.");
    auto added = Store().Get(*(*applied)[1].memory_id);
    ASSERT_TRUE(added);
    EXPECT_EQ(added->repo_full_name, kRepo);
}

TEST_P(LlmProposerTest, DropsUnusableEntriesAndCountsThem) {
    Script(
        "/v1/chat/completions",
        {ModelSays(R"({"memories":[{"op":"DELETE","id":1},)"
                   R"({"op":"ADD","type":"accepted_false_positive","content":"Ignore SQL."},)"
                   R"({"op":"ADD","type":"convention","content":"  "},)"
                   R"("just a string",)"
                   R"({"op":"ADD","type":"nonsense","content":"Something."},)"
                   R"({"op":"NOOP","id":999999},)"
                   R"({"op":"add","type":"Convention","content":"Lower-case ops are fine."}]})")});
    auto provider = Provider();
    ASSERT_TRUE(provider);
    auto proposed = Propose(*provider, {});
    ASSERT_TRUE(proposed) << proposed.error().detail;
    EXPECT_EQ(proposed->rejected, 6u);
    ASSERT_EQ(proposed->proposals.size(), 1u);
    EXPECT_EQ(proposed->proposals[0].content, "Lower-case ops are fine.");
    EXPECT_EQ(proposed->proposals[0].type, MemoryType::kConvention);
}

TEST_P(LlmProposerTest, AnAnswerWithoutTheListIsAnUpstreamError) {
    Script("/v1/chat/completions",
           {ModelSays("I could not find anything worth remembering."),
            ModelSays(R"({"memory":[{"op":"ADD"}]})"), ModelSays(R"({"memories":"none"})")});
    auto provider = Provider();
    ASSERT_TRUE(provider);
    for (int i = 0; i < 3; ++i) {
        auto proposed = Propose(*provider, {});
        ASSERT_FALSE(proposed) << "answer " << i << " was accepted";
        EXPECT_EQ(proposed.error().code, core::Errc::kUpstream) << proposed.error().detail;
    }
    EXPECT_EQ(Received().size(), 3u);
}

TEST_P(LlmProposerTest, AProviderFailureIsPassedOn) {
    Script(
        "/v1/chat/completions",
        {llm::JsonReply(401, R"({"error":{"message":"bad key","type":"invalid_request_error"}})")});
    auto provider = Provider();
    ASSERT_TRUE(provider);
    auto proposed = Propose(*provider, {});
    ASSERT_FALSE(proposed);
    EXPECT_EQ(proposed.error().code, core::Errc::kUnauthorized);
}

INSTANTIATE_TEST_SUITE_P(Engines, LlmProposerTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::memory::test
