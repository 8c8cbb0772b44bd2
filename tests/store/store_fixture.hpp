#pragma once
// The fixture of the store's conformance suite and of the analysis tests: a fresh store per test,
// on SQLite (always) and PostgreSQL (when KAIYUAN_TEST_POSTGRES names a server).
#include "kaiyuan/jobs/analysis.hpp"
#include "kaiyuan/jobs/sbom_upload.hpp"
#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <tuple>

namespace kaiyuan::store {

inline std::string replace_database(const std::string& url, const std::string& db) {
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme + 3);
    auto end = url.find('?', slash);
    return url.substr(0, slash + 1) + db + (end == std::string::npos ? "" : url.substr(end));
}

class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "sqlite") {
            m_dir = std::filesystem::temp_directory_path() / ("kaiyuan-store-" + util::uuid4());
            m_url = "sqlite:" + (m_dir / "store.db").string();
        } else {
            const char* admin = std::getenv("KAIYUAN_TEST_POSTGRES");
            if (!admin || !*admin)
                GTEST_SKIP()
                    << "KAIYUAN_TEST_POSTGRES is not set: no PostgreSQL server to test against "
                       "(tools/start-postgres.sh starts one; .ci/run does)";
            m_admin = admin;
            m_db = "kt_" + util::uuid4().substr(0, 8);
            auto c = connect(m_admin);
            ASSERT_TRUE(c) << c.error().message;
            ASSERT_TRUE((*c)->script("CREATE DATABASE " + m_db));
            m_url = replace_database(m_admin, m_db);
        }
        auto s = Store::open(m_url);
        ASSERT_TRUE(s) << s.error().message;
        store = std::move(*s);
    }
    void TearDown() override {
        store.reset();
        if (!m_dir.empty()) std::filesystem::remove_all(m_dir);
        if (!m_db.empty())
            if (auto c = connect(m_admin))
                (void)(*c)->script("DROP DATABASE IF EXISTS " + m_db + " WITH (FORCE)");
    }

    Project make_project(const std::string& name, const std::string& version,
                         const Access& a = Access::local_admin()) {
        Project p;
        p.name = name;
        p.version = version;
        auto made = store->create_project(a, p);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : Project{};
    }

    /// Queues `document` for `p` and runs the queue until it is empty.
    std::string upload(const Project& p, const std::string& document,
                       const std::string& source = "") {
        auto token = store->enqueue_upload(Access::local_admin(), p, source, document);
        EXPECT_TRUE(token) << token.error().message;
        drain();
        return token ? *token : "";
    }
    void drain() {
        while (true) {
            auto job = store->claim_job("test", 60000);
            EXPECT_TRUE(job) << job.error().message;
            if (!job || !*job) return;
            StoreAdvisories advisories(*store);
            auto done = (*job)->info.kind == k_rematch_job
                            ? jobs::run_rematch(*store, advisories, **job)
                        : (*job)->info.kind == k_rejudge_job ? jobs::run_rejudge(*store, **job)
                                                             : jobs::run_upload(*store, **job);
            EXPECT_TRUE(done) << done.error().message;
        }
    }

    std::unique_ptr<Store> store;
    std::string m_url;

private:
    std::filesystem::path m_dir;
    std::string m_admin, m_db;
};

/// A CycloneDX 1.6 document with `components` as (purl, name, version, license, sha256).
inline std::string cyclonedx(
    const std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>>&
        comps,
    bool with_edge = true) {
    std::string s = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[)";
    for (std::size_t i = 0; i < comps.size(); ++i) {
        auto& [purl, name, version, license, sha] = comps[i];
        s += (i ? "," : "") + std::string(R"({"type":"library","bom-ref":"r)") + std::to_string(i) +
             R"(","name":")" + name + R"(","version":")" + version + R"(","purl":")" + purl + "\"";
        if (!license.empty()) s += R"(,"licenses":[{"expression":")" + license + "\"}]";
        if (!sha.empty()) s += R"(,"hashes":[{"alg":"SHA-256","content":")" + sha + "\"}]";
        s += "}";
    }
    s += "]";
    if (with_edge && comps.size() >= 2) s += R"(,"dependencies":[{"ref":"r0","dependsOn":["r1"]}])";
    return s + "}";
}

} // namespace kaiyuan::store
