// The route table and the OpenAPI document describe the same API: every route is documented with
// the same permissions, and the document names no route the server lacks.
#include "kaiyuan/server/dt_v1/bom_request.hpp"
#include "kaiyuan/server/router.hpp"
#include "kaiyuan/server/views.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace kaiyuan::server {
extern const char* const k_openapi_document;
namespace {

TEST(Routes, MatchTheOpenApiDocument) {
    auto doc = nlohmann::json::parse(k_openapi_document);
    EXPECT_EQ(doc["openapi"], "3.1.0");
    std::set<std::string> documented, routed;
    for (const auto& [path, item] : doc["paths"].items())
        for (const auto& [method, op] : item.items()) {
            std::string m = method;
            for (auto& ch : m)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            documented.insert(m + " " + path);
            const Route* route = match_route(m, path).route;
            ASSERT_NE(route, nullptr) << m << " " << path << " is documented but not routed";
            EXPECT_EQ(route->pattern, path);
            std::vector<std::string> perms;
            for (auto p : route->permissions)
                perms.emplace_back(store::to_string(p));
            EXPECT_EQ(op["x-kaiyuan-permissions"].get<std::vector<std::string>>(), perms)
                << m << " " << path;
            if (!perms.empty()) {
                EXPECT_TRUE(op["responses"].contains("401")) << m << " " << path;
                EXPECT_TRUE(op["responses"].contains("403")) << m << " " << path;
            }
        }
    for (const auto& r : routes())
        routed.insert(r.method + " " + r.pattern);
    EXPECT_EQ(documented, routed);
}

TEST(Routes, MatchSegmentsAndTellWrongMethodsFromUnknownPaths) {
    auto m = match_route("GET", "/api/v2/projects/0b0a4f43-3c3b-4a47-9f1e-5a2c3f8e9d10/components");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at("uuid"), "0b0a4f43-3c3b-4a47-9f1e-5a2c3f8e9d10");
    // The fixed segment wins over the parameter it resembles.
    auto lookup = match_route("GET", "/api/v1/project/lookup");
    ASSERT_NE(lookup.route, nullptr);
    EXPECT_EQ(lookup.route->pattern, "/api/v1/project/lookup");
    auto wrong = match_route("PUT", "/api/v2/projects");
    EXPECT_EQ(wrong.route, nullptr);
    EXPECT_TRUE(wrong.path_known);
    auto unknown = match_route("GET", "/api/v2/nothing");
    EXPECT_EQ(unknown.route, nullptr);
    EXPECT_FALSE(unknown.path_known);
    EXPECT_EQ(match_route("GET", "/api/v2/projects//components").route, nullptr);
}

TEST(JsonBody, NumbersBeyondADoubleAreAnErrorNotAThrow) {
    // Found by the request fuzz target: nlohmann throws out_of_range (not parse_error) for these.
    for (const char* body : {"3E933", "[1e400]", "{\"project\": -1e999}"}) {
        auto j = parse_json_body(body, "request body");
        ASSERT_FALSE(j) << body;
        EXPECT_NE(j.error().message.find("request body: unreadable JSON"), std::string::npos)
            << j.error().message;
    }
    EXPECT_TRUE(parse_json_body("[1e300]", "request body"));
}

TEST(DtBomRequest, ReadsTheEnvelopeAndSaysWhatIsWrong) {
    auto ok = dt_v1::parse_bom_json(
        R"({"projectName":"app","projectVersion":"1.0","autoCreate":true,"parentName":"suite","bom":"eyJib21Gb3JtYXQiOiJDeWNsb25lRFgifQ=="})");
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->project_name, "app");
    EXPECT_TRUE(ok->auto_create);
    EXPECT_EQ(ok->parent_name, "suite");
    EXPECT_EQ(ok->bom, R"({"bomFormat":"CycloneDX"})");
    struct Bad {
        const char* body;
        const char* says;
    };
    for (auto [body, says] :
         {Bad{"", "not JSON"}, Bad{"[]", "JSON object"},
          Bad{R"({"bom":"eA=="})", "name the project"},
          Bad{R"({"projectName":"a"})", "'bom' is missing"},
          Bad{R"({"projectName":"a","bom":"***"})", "not base64"},
          Bad{R"({"project":"x","bom":"eA=="})", "not a UUID"},
          Bad{R"({"projectName":5,"bom":"eA=="})", "must be a string"},
          Bad{R"({"projectName":"a","bom":"eA==","autoCreate":3})", "autoCreate"}}) {
        auto r = dt_v1::parse_bom_json(body);
        ASSERT_FALSE(r) << body;
        EXPECT_NE(r.error().message.find(says), std::string::npos)
            << body << ": " << r.error().message;
    }
    std::string deep(100, '[');
    auto too_deep = dt_v1::parse_bom_json(deep + std::string(100, ']'));
    ASSERT_FALSE(too_deep);
    EXPECT_NE(too_deep.error().message.find("nested deeper"), std::string::npos)
        << too_deep.error().message;
}

} // namespace
} // namespace kaiyuan::server
