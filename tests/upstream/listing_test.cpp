// Registries' and pages' answers read (listing.hpp), on answers in each registry's documented
// format (testdata/registry, README.md there), and malformed answers refused with a reason;
// and the whole path over real HTTP: a local server (cpp-httplib) answering as the registries
// do, with the limits of http_batch.hpp (size, redirects, time, rate limits, ETag) exercised.
#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/http_batch.hpp"
#include "kaiyuan/upstream/listing.hpp"
#include "kaiyuan/util/files.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

using namespace kaiyuan;
using namespace kaiyuan::upstream;

namespace {

const std::string k_registry = std::string(KAIYUAN_TEST_DATA) + "/upstream/testdata/registry";

std::string sample(const std::string& name) {
    auto text = util::read_file(k_registry + "/" + name);
    EXPECT_TRUE(text) << name;
    return text ? *text : std::string();
}

UpstreamDescription described(UpstreamKind kind, std::string repo) {
    UpstreamDescription d;
    d.kind = kind;
    d.src_repo = std::move(repo);
    return d;
}

std::vector<std::string> tags_of(const std::vector<ListedVersion>& listed) {
    std::vector<std::string> out;
    for (const auto& v : listed)
        out.push_back(v.tag);
    return out;
}

const ListedVersion* find(const std::vector<ListedVersion>& listed, std::string_view tag) {
    for (const auto& v : listed)
        if (v.tag == tag) return &v;
    return nullptr;
}

TEST(UpstreamListing, Addresses) {
    RegistryBases b;
    EXPECT_EQ(listing_address(described(UpstreamKind::pypi, "requests"), b),
              "https://pypi.org/pypi/requests/json");
    EXPECT_EQ(listing_address(described(UpstreamKind::npm, "@babel/core"), b),
              "https://registry.npmjs.org/@babel%2fcore");
    EXPECT_EQ(listing_address(described(UpstreamKind::maven, "org.apache.commons:commons-text"), b),
              "https://repo1.maven.org/maven2/org/apache/commons/commons-text/maven-metadata.xml");
    EXPECT_EQ(listing_address(described(UpstreamKind::maven, "no-colon"), b), "");
    EXPECT_EQ(listing_address(described(UpstreamKind::go, "github.com/BurntSushi/toml"), b),
              "https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/list");
    EXPECT_EQ(listing_address(described(UpstreamKind::nuget, "Newtonsoft.Json"), b),
              "https://api.nuget.org/v3-flatcontainer/newtonsoft.json/index.json");
    EXPECT_EQ(listing_address(described(UpstreamKind::gnu_ftp, "bc"), b),
              "https://ftp.gnu.org/gnu/bc/");
    EXPECT_EQ(
        listing_address(described(UpstreamKind::hg, "http://hg.code.sf.net/p/dblatex/dblatex"), b),
        "http://hg.code.sf.net/p/dblatex/dblatex/json-tags");
    ASSERT_TRUE(b.set("pypi", "http://127.0.0.1:9/simple"));
    EXPECT_EQ(listing_address(described(UpstreamKind::pypi, "requests"), b),
              "http://127.0.0.1:9/simple/requests/json");
    EXPECT_FALSE(b.set("github", "http://x/"));
}

TEST(UpstreamListing, PyPiYankedLeftOutFirstUploadDated) {
    auto listed =
        read_listing(described(UpstreamKind::pypi, "requests"), sample("pypi-requests.json"));
    ASSERT_TRUE(listed) << listed.error().message;
    EXPECT_EQ(find(*listed, "2.32.0"), nullptr); // every file yanked (PEP 592)
    ASSERT_NE(find(*listed, "2.31.0"), nullptr);
    EXPECT_EQ(find(*listed, "2.31.0")->date, "2023-05-22");
    ASSERT_NE(find(*listed, "3.0.0b1"), nullptr); // no files: listed, undated
    EXPECT_EQ(find(*listed, "3.0.0b1")->date, "");
}

TEST(UpstreamListing, EachRegistryFormat) {
    struct Case {
        UpstreamKind kind;
        std::string repo, file;
        std::vector<std::string> expected;
    };
    std::vector<Case> cases{
        {UpstreamKind::rubygem, "rack", "rubygems-rack.json", {"3.1.8", "3.1.0.rc1", "2.2.8.1"}},
        {UpstreamKind::metacpan, "App-FatPacker", "metacpan-App-FatPacker.json", {"0.010008"}},
        {UpstreamKind::npm,
         "left-pad",
         "npm-left-pad.json",
         {"1.1.3", "1.2.0", "1.3.0", "2.0.0-beta.1"}},
        {UpstreamKind::cratesio,
         "serde",
         "cratesio-serde.json",
         {"1.0.215", "1.0.214", "1.0.0-rc3"}},
        {UpstreamKind::maven,
         "org.apache.commons:commons-text",
         "maven-metadata-commons-text.xml",
         {"1.9", "1.10.0", "1.11.0", "1.12.0", "1.13.0-M1"}},
        {UpstreamKind::go,
         "github.com/sirupsen/logrus",
         "go-sirupsen-logrus.txt",
         {"1.7.0", "1.8.0", "1.9.0", "1.10.0", "1.11.0-rc.1"}},
        {UpstreamKind::packagist,
         "monolog/monolog",
         "packagist-monolog.json",
         {"3.8.0", "3.7.0", "3.0.0-RC1", "2.10.0"}},
        {UpstreamKind::nuget,
         "Newtonsoft.Json",
         "nuget-newtonsoft.json.json",
         {"12.0.3", "13.0.1", "13.0.2", "13.0.3", "13.0.4-beta1"}},
        {UpstreamKind::hg,
         "http://hg.code.sf.net/p/dblatex/dblatex",
         "hg-dblatex-json-tags.json",
         {"v0_3_12", "v0_3_11"}},
        {UpstreamKind::gnu_ftp,
         "bc",
         "gnu-bc-listing.html",
         {"bc-1.06.tar.gz", "bc-1.06.tar.gz.sig", "bc-1.07.1.tar.gz", "bc-1.07.tar.gz",
          "bc-1.08.1.tar.gz", "README-bc-1.08.1"}},
        {UpstreamKind::sourceforge,
         "https://sourceforge.net/projects/openil/files/DevIL/",
         "sourceforge-devil.html",
         {"1.8.0", "1.7.8"}},
    };
    for (const auto& c : cases) {
        auto listed = read_listing(described(c.kind, c.repo), sample(c.file));
        ASSERT_TRUE(listed) << c.file << ": " << listed.error().message;
        EXPECT_EQ(tags_of(*listed), c.expected) << c.file;
    }
    auto gems =
        read_listing(described(UpstreamKind::rubygem, "rack"), sample("rubygems-rack.json"));
    EXPECT_TRUE(find(*gems, "3.1.0.rc1")->marked_prerelease);
    EXPECT_EQ(find(*gems, "3.1.8")->date, "2024-12-13");
    auto hg = read_listing(described(UpstreamKind::hg, "x"), sample("hg-dblatex-json-tags.json"));
    EXPECT_EQ(find(*hg, "v0_3_11")->date, "2019-11-11");
}

TEST(UpstreamListing, MalformedAnswersRefusedWithReason) {
    struct Case {
        UpstreamKind kind;
        std::string body, says;
    };
    std::vector<Case> cases{
        {UpstreamKind::pypi, "<html>Not Found</html>", "invalid JSON"},
        {UpstreamKind::pypi, R"({"info": {}})", "no 'releases'"},
        {UpstreamKind::rubygem, R"({"error": "This rubygem could not be found."})", "not an array"},
        {UpstreamKind::npm, R"({"error":"Not found"})", "no 'versions'"},
        {UpstreamKind::cratesio, R"({"errors":[{"detail":"crate `x` does not exist"}]})",
         "no 'versions'"},
        {UpstreamKind::maven, "<html><body>404</body></html>", "not a maven-metadata.xml"},
        {UpstreamKind::maven, "<metadata><versioning>", "invalid XML"},
        {UpstreamKind::go, "not found: module github.com/x/y: 404", "no Go module version"},
        {UpstreamKind::packagist, R"({"packages":{}})", "no versions of"},
        {UpstreamKind::nuget, R"([1,2])", "no 'versions'"},
        {UpstreamKind::metacpan, R"({"code":404,"message":"Not found"})", "no 'version'"},
        {UpstreamKind::gnu_ftp, std::string("\0\1\2", 3), "binary"},
    };
    for (const auto& c : cases) {
        auto listed = read_listing(described(c.kind, "monolog/monolog"), c.body);
        ASSERT_FALSE(listed) << c.body;
        EXPECT_NE(listed.error().message.find(c.says), std::string::npos)
            << c.body << " -> " << listed.error().message;
    }
    UpstreamDescription page = described(UpstreamKind::regex, "x");
    page.regex = "([";
    EXPECT_FALSE(read_listing(page, "x"));
    page.regex = "a*"; // empty matches move on rather than loop
    auto listed = read_listing(page, "bbbaab");
    ASSERT_TRUE(listed);
    EXPECT_EQ(tags_of(*listed), (std::vector<std::string>{"aa"}));
}

TEST(UpstreamListing, RegexSourceAndListOptions) {
    UpstreamDescription page = described(UpstreamKind::regex, "");
    page.url = "https://example.org/download.html";
    page.regex = R"(example-([\d.]+)\.tar\.gz)";
    auto listed =
        read_listing(page, R"(<a href="example-1.0.9.tar.gz">x</a> <a href="example-1.1.2.tar.gz">)"
                           R"(</a> example-2.0.tar.gz)");
    ASSERT_TRUE(listed);
    // The exclusion applies to listed tags, as nvchecker applies it.
    PackagedSource pkg;
    pkg.name = "example";
    pkg.version = "1.1.2";
    page.exclude_regex = "1\\.0\\..*";
    pkg.upstream = page;
    auto c = judge(pkg, *listed);
    EXPECT_EQ(c.releases, 2u);
    EXPECT_EQ(c.newest.version, "2.0");
    EXPECT_EQ(c.standing, Standing::behind);
}

TEST(UpstreamListing, EcosystemOrderAndRegistryMarks) {
    // npm's order is semver's: 1.10.0 after 1.9.0, a pre-release before its release.
    PackagedSource pkg;
    pkg.name = "left-pad";
    pkg.version = "1.2.0";
    pkg.ecosystem = "npm";
    pkg.upstream = described(UpstreamKind::npm, "left-pad");
    auto listed = read_listing(*pkg.upstream, sample("npm-left-pad.json"));
    ASSERT_TRUE(listed);
    auto c = judge(pkg, *listed);
    EXPECT_EQ(c.standing, Standing::behind);
    EXPECT_EQ(c.newest.version, "1.3.0");
    EXPECT_EQ(c.packaged_date, "2017-11-25");
    ASSERT_TRUE(c.days_behind);
    EXPECT_EQ(*c.days_behind, 135);
    // RubyGems marks 3.1.0.rc1 itself; kept out though its words would say so anyway.
    PackagedSource rack;
    rack.name = "rack";
    rack.version = "2.2.8.1";
    rack.ecosystem = "RubyGems";
    rack.upstream = described(UpstreamKind::rubygem, "rack");
    auto gems = read_listing(*rack.upstream, sample("rubygems-rack.json"));
    auto r = judge(rack, *gems);
    EXPECT_EQ(r.releases, 2u);
    EXPECT_EQ(r.newest.version, "3.1.8");
    // Maven's order: 1.10.0 after 1.9; 1.13.0-M1 a milestone, no release.
    PackagedSource text;
    text.name = "commons-text";
    text.version = "1.10.0";
    text.ecosystem = "Maven";
    text.upstream = described(UpstreamKind::maven, "org.apache.commons:commons-text");
    auto m = judge(text, *read_listing(*text.upstream, sample("maven-metadata-commons-text.xml")));
    EXPECT_EQ(m.newest.version, "1.12.0");
    EXPECT_EQ(m.newer.size(), 2u);
}

/// A registry on the loopback interface, answering from the test data as the real ones do,
/// with routes that misbehave.
class LocalRegistry {
public:
    LocalRegistry() {
        server_.Get(R"(/pypi/([^/]+)/json)",
                    [this](const httplib::Request& req, httplib::Response& res) {
                        ++requests;
                        if (req.matches[1] != "requests") {
                            res.status = 404;
                            res.set_content(R"({"message": "Not Found"})", "application/json");
                            return;
                        }
                        if (req.get_header_value("If-None-Match") == "\"r1\"") {
                            ++not_modified;
                            res.status = 304;
                            return;
                        }
                        res.set_header("ETag", "\"r1\"");
                        res.set_content(sample("pypi-requests.json"), "application/json");
                    });
        server_.Get("/npm/left-pad", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(sample("npm-left-pad.json"), "application/json");
        });
        server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(4 << 20, 'x'), "text/plain");
        });
        server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
            res.set_redirect("/loop");
        });
        server_.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
            for (int i = 0; i < 100 && !stopping; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            res.set_content("late", "text/plain");
        });
        server_.Get("/limited", [this](const httplib::Request&, httplib::Response& res) {
            if (limited_calls++ == 0) {
                res.status = 429;
                res.set_header("Retry-After", "1");
                return;
            }
            res.set_content("[]", "application/json");
        });
        server_.Get("/limited-long", [](const httplib::Request&, httplib::Response& res) {
            res.status = 403;
            res.set_header("X-RateLimit-Remaining", "0");
            res.set_header("Retry-After", "3600");
        });
        server_.Get("/auth", [this](const httplib::Request& req, httplib::Response& res) {
            authorization = req.get_header_value("Authorization");
            res.set_content("{}", "application/json");
        });
        // Every request of a batch is in flight at once, each on a connection of its own.
        server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~LocalRegistry() {
        stopping = true;
        server_.stop();
        thread_.join();
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::atomic<int> requests{0}, not_modified{0}, limited_calls{0};
    std::atomic<bool> stopping{false};
    std::string authorization;

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

TEST(UpstreamHttp, LimitsEachAFailureOfItsOwn) {
    LocalRegistry registry;
    HttpBatchOptions options;
    options.max_body = 1 << 20;
    options.timeout_seconds = 3;
    options.max_rate_limit_wait = 5;
    options.bearer_token = "secret";
    options.token_hosts = {"127.0.0.1"};
    std::string b = registry.base();
    auto answers = fetch_all({b + "/pypi/requests/json", b + "/big", b + "/loop", b + "/slow",
                              b + "/limited", b + "/limited-long", b + "/pypi/nothing/json",
                              b + "/auth", "http://127.0.0.1:1/refused"},
                             options);
    ASSERT_EQ(answers.size(), 9u);
    EXPECT_EQ(answers[0].error, "");
    EXPECT_EQ(answers[0].status, 200);
    EXPECT_NE(answers[0].body.find("requests"), std::string::npos);
    EXPECT_NE(answers[1].error.find("larger than 1048576 bytes"), std::string::npos)
        << answers[1].error;
    EXPECT_NE(answers[2].error.find("redirects"), std::string::npos) << answers[2].error;
    EXPECT_NE(answers[3].error.find("within 3 s"), std::string::npos) << answers[3].error;
    EXPECT_EQ(answers[4].error, ""); // asked again after the second it said
    EXPECT_EQ(answers[4].body, "[]");
    EXPECT_EQ(registry.limited_calls.load(), 2);
    EXPECT_NE(answers[5].error.find("rate limited by 127.0.0.1: asked to wait 3600 s"),
              std::string::npos)
        << answers[5].error;
    EXPECT_EQ(answers[6].error, "HTTP 404 (not found)");
    EXPECT_NE(answers[8].error, "");
    // The token goes only over https: this server is plain http.
    EXPECT_EQ(registry.authorization, "");
}

TEST(UpstreamHttp, ETagCacheAnswersNotModified) {
    LocalRegistry registry;
    auto dir = std::filesystem::temp_directory_path() / "kaiyuan-http-cache-test";
    std::filesystem::remove_all(dir);
    HttpBatchOptions options;
    options.cache_dir = dir.string();
    std::string url = registry.base() + "/pypi/requests/json";
    auto first = fetch_all({url}, options);
    ASSERT_EQ(first[0].error, "");
    EXPECT_FALSE(first[0].from_cache);
    auto second = fetch_all({url}, options);
    ASSERT_EQ(second[0].error, "");
    EXPECT_TRUE(second[0].from_cache);
    EXPECT_EQ(second[0].body, first[0].body);
    EXPECT_EQ(registry.not_modified.load(), 1);
    std::filesystem::remove_all(dir);
}

TEST(UpstreamHttp, CheckAllReadsRegistriesAndKeepsFailuresPerPackage) {
    LocalRegistry registry;
    CheckOptions options;
    ASSERT_TRUE(options.registries.set("pypi", registry.base() + "/pypi"));
    ASSERT_TRUE(options.registries.set("npm", registry.base() + "/npm"));
    std::vector<PackagedSource> packages(4);
    packages[0].name = "python-requests";
    packages[0].version = "2.31.0";
    packages[0].upstream = described(UpstreamKind::pypi, "requests");
    packages[1].name = "left-pad";
    packages[1].version = "1.3.0";
    packages[1].ecosystem = "npm";
    packages[1].upstream = described(UpstreamKind::npm, "left-pad");
    packages[2].name = "python-nothing";
    packages[2].version = "1.0";
    packages[2].upstream = described(UpstreamKind::pypi, "nothing");
    packages[3].name = "no-repo";
    packages[3].upstream = described(UpstreamKind::maven, "");
    auto checked = check_all(packages, options);
    ASSERT_EQ(checked.size(), 4u);
    EXPECT_EQ(checked[0].standing, Standing::behind);
    EXPECT_EQ(checked[0].newest.version, "2.32.3");
    ASSERT_EQ(checked[0].newer.size(), 2u); // 2.32.2 and 2.32.3; the yanked 2.32.0 is not one
    EXPECT_EQ(checked[0].newer[0].version, "2.32.2");
    EXPECT_EQ(checked[0].address, registry.base() + "/pypi/requests/json");
    EXPECT_EQ(checked[1].standing, Standing::current);
    EXPECT_EQ(checked[2].standing, Standing::unchecked);
    EXPECT_NE(checked[2].error.find("HTTP 404"), std::string::npos) << checked[2].error;
    EXPECT_EQ(checked[3].standing, Standing::unchecked);
    EXPECT_NE(checked[3].error.find("no src_repo"), std::string::npos) << checked[3].error;
}

} // namespace
