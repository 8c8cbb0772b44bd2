// Notifications and license verdicts in the store: which webhooks hear of which events (team,
// project, tag, event and severity filters), the outbox's lease and backoff, violations and
// license categories on ingest, the signature. SQLite and PostgreSQL.
#include "store_fixture.hpp"

#include "kaiyuan/jobs/webhook_delivery.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <thread>

namespace kaiyuan::store {
namespace {

class NotificationsTest : public StoreTest {
protected:
    Access team(const std::string& name,
                std::vector<Permission> ps = {Permission::read, Permission::triage}) {
        auto key = store->create_key(name, ps, "");
        EXPECT_TRUE(key) << key.error().message;
        auto a = store->authenticate(key->key);
        EXPECT_TRUE(a) << a.error().message;
        return *a;
    }

    Webhook hook(const Access& a, std::vector<std::string> events = {},
                 std::vector<std::string> tags = {}, std::string min_severity = "") {
        Webhook h;
        h.url = "http://127.0.0.1:9/hook";
        h.events = std::move(events);
        h.tags = std::move(tags);
        h.min_severity = std::move(min_severity);
        auto made = store->create_webhook(a, h);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : Webhook{};
    }

    /// The events queued for a webhook, with their bodies, oldest first.
    std::vector<nlohmann::json> outbox(const Webhook& h) {
        std::vector<nlohmann::json> out;
        auto rows = store->with_connection([&](Connection& c) {
            return c.query("SELECT o.body FROM outbox o JOIN webhooks w ON w.id = o.webhook_id "
                           "WHERE w.uuid = $1 ORDER BY o.id",
                           {h.uuid});
        });
        EXPECT_TRUE(rows) << rows.error().message;
        if (rows)
            for (const auto& r : *rows)
                out.push_back(nlohmann::json::parse(r.text(0)));
        return out;
    }

    static std::vector<std::string> events_of(const std::vector<nlohmann::json>& bodies) {
        std::vector<std::string> out;
        for (const auto& b : bodies)
            out.push_back(b["event"].get<std::string>());
        return out;
    }

    void add_advisory(const std::string& id, const std::string& package, const char* cvss) {
        vuln::Advisory a;
        a.id = id;
        a.modified = "2026-01-01T00:00:00Z";
        if (cvss) a.severity.push_back({"CVSS_V3", cvss});
        vuln::Affected af;
        af.ecosystem = "PyPI";
        af.name = package;
        af.versions = {"1.0"};
        a.affected.push_back(af);
        StoreAdvisories advisories(*store);
        auto r = advisories.import({a}, {});
        ASSERT_TRUE(r) << r.error().message;
        drain();
    }
};

constexpr const char* k_critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
constexpr const char* k_low = "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N";

TEST_P(NotificationsTest, WebhooksHearOnlyWhatTheirFiltersAndTeamAllow) {
    Access a = team("a"), b = team("b");
    Project mine = make_project("mine", "1");
    Project prod = make_project("prod-app", "1");
    ASSERT_TRUE(store->grant_project("a", mine.uuid));
    ASSERT_TRUE(store->with_connection([&](Connection& c) {
        return c.query("INSERT INTO project_tags(project_id, tag) SELECT id, 'prod' FROM projects "
                       "WHERE uuid = $1",
                       {prod.uuid});
    }));
    Webhook all = hook(Access::local_admin());
    Webhook of_a = hook(a);
    Webhook of_b = hook(b);
    Webhook tagged = hook(Access::local_admin(), {}, {"prod"});
    Webhook critical = hook(Access::local_admin(), {"finding.new"}, {}, "critical");

    add_advisory("PYSEC-1", "alpha", k_critical);
    add_advisory("PYSEC-2", "alpha", k_low);
    std::string doc = cyclonedx({{"pkg:pypi/alpha@1.0", "alpha", "1.0", "MIT", ""}});
    upload(mine, doc);
    upload(prod, doc);

    EXPECT_EQ(events_of(outbox(all)),
              (std::vector<std::string>{"upload.processed", "finding.new", "upload.processed",
                                        "finding.new"}));
    EXPECT_EQ(events_of(outbox(of_a)),
              (std::vector<std::string>{"upload.processed", "finding.new"}));
    EXPECT_EQ(outbox(of_a)[0]["project"]["uuid"], mine.uuid);
    EXPECT_TRUE(outbox(of_b).empty()) << "team b sees neither project";
    ASSERT_EQ(outbox(tagged).size(), 2u);
    EXPECT_EQ(outbox(tagged)[0]["project"]["uuid"], prod.uuid);
    // The severity filter drops the low finding from the body, and keeps the event for the
    // critical one.
    auto crit = outbox(critical);
    ASSERT_EQ(crit.size(), 2u);
    for (const auto& body : crit) {
        ASSERT_EQ(body["findings"].size(), 1u);
        EXPECT_EQ(body["findings"][0]["advisory"], "PYSEC-1");
    }
    auto findings = outbox(all)[1]["findings"];
    EXPECT_EQ(findings.size(), 2u);

    // A new advisory hitting both: one advisory.affecting listing the projects each hook sees.
    add_advisory("PYSEC-3", "alpha", k_critical);
    auto last = outbox(all).back();
    EXPECT_EQ(last["event"], "advisory.affecting");
    EXPECT_EQ(last["advisory"]["id"], "PYSEC-3");
    EXPECT_EQ(last["projects"].size(), 2u);
    auto a_last = outbox(of_a).back();
    ASSERT_EQ(a_last["event"], "advisory.affecting");
    ASSERT_EQ(a_last["projects"].size(), 1u);
    EXPECT_EQ(a_last["projects"][0]["project"]["uuid"], mine.uuid);
    // The same SBOM again announces no finding as new.
    auto before = outbox(all).size();
    upload(mine, doc);
    auto after = outbox(all);
    ASSERT_EQ(after.size(), before + 1);
    EXPECT_EQ(after.back()["event"], "upload.processed");
}

TEST_P(NotificationsTest, DeliveriesAreLeasedRetriedWithBackoffAndGivenUp) {
    Webhook h = hook(Access::local_admin(), {"upload.processed"});
    upload(make_project("p", "1"), cyclonedx({{"pkg:pypi/x@1", "x", "1", "", ""}}));
    auto first = store->claim_deliveries("one", 10, 60'000);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_EQ(first->size(), 1u);
    EXPECT_EQ(first->front().attempts, 1);
    EXPECT_EQ(first->front().url, h.url);
    // Leased: nobody else gets it.
    auto other = store->claim_deliveries("two", 10, 60'000);
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->empty());
    // A failed attempt waits (1 s after the first), then is claimable again.
    ASSERT_TRUE(store->finish_delivery(first->front(), false, "HTTP 503"));
    other = store->claim_deliveries("two", 10, 60'000);
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->empty()) << "not before its backoff";
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    other = store->claim_deliveries("two", 10, 1);
    ASSERT_TRUE(other);
    ASSERT_EQ(other->size(), 1u);
    EXPECT_EQ(other->front().attempts, 2);
    EXPECT_EQ(other->front().uuid, first->front().uuid) << "the same id on every attempt";
    // Its lease (1 ms) runs out: another deliverer takes it over, and the first one's mark is
    // ignored.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto third = store->claim_deliveries("three", 10, 60'000);
    ASSERT_TRUE(third);
    ASSERT_EQ(third->size(), 1u);
    ASSERT_TRUE(store->finish_delivery(other->front(), true, ""));
    auto list = store->deliveries(Access::local_admin(), h.uuid, 10);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->front().status, "pending") << "a lost lease marks nothing";
    ASSERT_TRUE(store->finish_delivery(third->front(), true, ""));
    list = store->deliveries(Access::local_admin(), h.uuid, 10);
    EXPECT_EQ(list->front().status, "delivered");
    EXPECT_FALSE(list->front().delivered_at.empty());
    // A notification that keeps failing is given up after the last attempt.
    upload(make_project("q", "1"), cyclonedx({{"pkg:pypi/y@1", "y", "1", "", ""}}));
    for (std::int64_t n = 1; n <= Store::k_max_delivery_attempts; ++n) {
        ASSERT_TRUE(store->with_connection(
            [](Connection& c) { return c.query("UPDATE outbox SET next_attempt_at = 0"); }));
        auto d = store->claim_deliveries("x", 10, 60'000);
        ASSERT_TRUE(d);
        ASSERT_EQ(d->size(), 1u) << "attempt " << n;
        ASSERT_TRUE(store->finish_delivery(d->front(), false, "refused"));
    }
    list = store->deliveries(Access::local_admin(), h.uuid, 10);
    EXPECT_EQ(list->front().status, "failed");
    EXPECT_EQ(list->front().attempts, Store::k_max_delivery_attempts);
    EXPECT_EQ(list->front().last_error, "refused");
}

TEST_P(NotificationsTest, WebhooksAreTheirTeamsAndValidated) {
    Access a = team("a"), b = team("b");
    Webhook h = hook(a);
    EXPECT_FALSE(h.secret.empty()) << "a secret is made and returned once";
    auto listed = store->webhooks(a);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_TRUE(listed->front().secret.empty());
    EXPECT_TRUE(store->webhooks(b)->empty());
    EXPECT_FALSE(store->delete_webhook(b, h.uuid)) << "another team's webhook is not found";
    Webhook bad;
    bad.url = "file:///etc/passwd";
    EXPECT_FALSE(store->create_webhook(a, bad));
    bad.url = "http://x/";
    bad.events = {"everything"};
    EXPECT_FALSE(store->create_webhook(a, bad));
    bad.events = {};
    bad.projects = {make_project("hidden", "1").uuid};
    EXPECT_FALSE(store->create_webhook(a, bad)) << "a project the team does not see";
    EXPECT_TRUE(store->delete_webhook(a, h.uuid));
    EXPECT_TRUE(store->webhooks(a)->empty());
}

TEST_P(NotificationsTest, ViolationsAndLicenseCategoriesAreStoredAndCounted) {
    ASSERT_TRUE(store->set_license_policy("deny-categories: [strong-copyleft]\ndeny: [WTFPL]\n"));
    Project p = make_project("p", "1");
    Webhook h = hook(Access::local_admin(), {"policy.violation"});
    upload(p, cyclonedx({{"pkg:pypi/a@1", "a", "1", "MIT", ""},
                         {"pkg:pypi/b@1", "b", "1", "GPL-2.0-or-later", ""},
                         {"pkg:pypi/c@1", "c", "1", "MIT OR GPL-3.0-only", ""},
                         {"pkg:pypi/d@1", "d", "1", "WTFPL", ""},
                         {"pkg:pypi/e@1", "e", "1", "", ""}}));
    auto v = store->violations(Access::local_admin(), p.uuid);
    ASSERT_TRUE(v) << v.error().message;
    ASSERT_EQ(v->size(), 2u) << "MIT OR GPL-3.0-only may be taken as MIT";
    EXPECT_EQ((*v)[0].component.name, "b");
    EXPECT_EQ((*v)[0].license, "GPL-2.0-or-later");
    ASSERT_FALSE((*v)[0].reasons.empty());
    EXPECT_NE((*v)[0].reasons[0].find("strong-copyleft"), std::string::npos);
    EXPECT_EQ((*v)[1].component.name, "d");
    auto m = store->project_metrics(Access::local_admin(), p.uuid);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->violations, 2);
    EXPECT_EQ(m->licenses, (std::map<std::string, std::int64_t>{
                               {"permissive", 2}, {"strong-copyleft", 2}, {"none", 1}}))
        << "c counts as its strictest license";
    auto sent = outbox(h);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]["violations"].size(), 2u);
    // A changed policy judges the stored SBOMs again: without one nothing is a violation, and
    // categories are still counted.
    ASSERT_TRUE(store->set_license_policy(""));
    drain();
    EXPECT_TRUE(store->violations(Access::local_admin(), p.uuid)->empty());
    m = store->project_metrics(Access::local_admin(), p.uuid);
    EXPECT_EQ(m->violations, 0);
    // A stricter one: the MIT-only components too, announced as new; the others keep when they
    // were first seen.
    ASSERT_TRUE(store->set_license_policy("deny: [WTFPL]\n"));
    drain();
    auto first_seen = (*store->violations(Access::local_admin(), p.uuid))[0].first_seen;
    ASSERT_TRUE(store->set_license_policy("allow: [Apache-2.0]\ndeny: [WTFPL]\n"));
    drain();
    v = store->violations(Access::local_admin(), p.uuid);
    ASSERT_EQ(v->size(), 4u) << "every licensed component but none of them Apache-2.0";
    EXPECT_EQ((*v)[3].component.name, "d");
    EXPECT_EQ((*v)[3].first_seen, first_seen);
    m = store->project_metrics(Access::local_admin(), p.uuid);
    EXPECT_EQ(m->violations, 4);
    sent = outbox(h);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[1]["violations"].size(), 1u) << "WTFPL became a violation again";
    EXPECT_EQ(sent[2]["violations"].size(), 3u) << "only the new ones";
    // An upload judges with the policy of its time, and a new SBOM replaces the old verdicts.
    upload(p, cyclonedx({{"pkg:pypi/b@1", "b", "1", "GPL-2.0-or-later", ""}}));
    EXPECT_EQ(store->violations(Access::local_admin(), p.uuid)->size(), 1u);
    m = store->project_metrics(Access::local_admin(), p.uuid);
    EXPECT_EQ(m->licenses, (std::map<std::string, std::int64_t>{{"strong-copyleft", 1}}));
}

TEST_P(NotificationsTest, AFailedUploadIsAnnounced) {
    Webhook h = hook(Access::local_admin(), {"upload.failed"});
    Project p = make_project("p", "1");
    // The store takes bytes as the server accepted them; these no longer read as an SBOM.
    auto token = store->enqueue_upload(Access::local_admin(), p, "image", "{\"bomFormat\": 1}");
    ASSERT_TRUE(token) << token.error().message;
    drain();
    auto sent = outbox(h);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]["event"], "upload.failed");
    EXPECT_EQ(sent[0]["job"], *token);
    EXPECT_EQ(sent[0]["source"], "image");
    EXPECT_EQ(sent[0]["project"]["uuid"], p.uuid);
    EXPECT_FALSE(sent[0]["error"].get<std::string>().empty());
}

TEST(WebhookSignature, IsHmacSha256OfTheBody) {
    // RFC 4231, test case 2.
    EXPECT_EQ(jobs::webhook_signature("Jefe", "what do ya want for nothing?"),
              "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

} // namespace
} // namespace kaiyuan::store
