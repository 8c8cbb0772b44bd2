#include "kaiyuan/cli/push_client.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace kaiyuan::cli {

namespace {

struct Reply {
    long status = 0;
    std::string body;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

std::string escape(CURL* curl, const std::string& s) {
    char* e = curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

Result<std::string> api_key() {
    const char* key = std::getenv("KAIYUAN_API_KEY");
    if (!key || !*key) return fail("set KAIYUAN_API_KEY to an API key of the server");
    return std::string(key);
}

Result<Reply> request(const std::string& method, const std::string& url, const std::string* body) {
    auto key = api_key();
    if (!key) return unexpected(key.error());
    CURL* curl = curl_easy_init();
    if (!curl) return fail("cannot start an HTTP client");
    Reply reply;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("X-Api-Key: " + *key).c_str());
    headers = curl_slist_append(headers, "Accept: application/json");
    if (body) headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 600L);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return fail(method + " " + url + ": " + curl_easy_strerror(rc));
    return reply;
}

/// The problem detail of an error reply, else its body.
std::string refusal(const Reply& r) {
    try {
        auto j = nlohmann::json::parse(r.body);
        if (j.is_object() && j.contains("detail") && j["detail"].is_string())
            return "the server refused it (" + std::to_string(r.status) +
                   "): " + j["detail"].get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
    return "the server refused it (" + std::to_string(r.status) + "): " + r.body.substr(0, 500);
}

std::string base(const std::string& server) {
    std::string s = server;
    while (!s.empty() && s.back() == '/')
        s.pop_back();
    return s;
}

} // namespace

Result<ApiReply> api_get(const std::string& server, const std::string& path) {
    auto r = request("GET", base(server) + path, nullptr);
    if (!r) return unexpected(r.error());
    return ApiReply{r->status, std::move(r->body)};
}

std::string url_escape(const std::string& s) {
    CURL* curl = curl_easy_init();
    if (!curl) return s;
    std::string out = escape(curl, s);
    curl_easy_cleanup(curl);
    return out;
}

std::string refusal_of(long status, const std::string& body) {
    return refusal(Reply{status, body});
}

void PushOptions::add_to(CLI::App& cmd, const std::string& server_flag, bool server_required) {
    auto* s = cmd.add_option(server_flag, server,
                             "the kaiyuan server's URL (http://host:8080); the key comes from "
                             "KAIYUAN_API_KEY");
    if (server_required) s->required();
    cmd.add_option("--project", project, "the project's name")->required(server_required);
    cmd.add_option("--project-version", project_version, "the project's version");
    cmd.add_option(
        "--source", source,
        "what the SBOM describes within the version (\"image\", \"app\"): the latest SBOM of each "
        "source makes up the version's inventory");
    cmd.add_option("--parent", parent_name,
                   "the parent project's name, when the project is created");
    cmd.add_option("--parent-version", parent_version, "the parent project's version");
    cmd.add_flag("--no-auto-create", no_auto_create,
                 "refuse the upload when the project does not exist");
    cmd.add_flag("--wait", wait,
                 "wait until the server has stored the SBOM (exit 2 when it refuses it)");
    cmd.add_option("--wait-timeout", wait_seconds, "seconds to wait at most")->default_val(600);
}

Result<std::string> push_sbom(const PushOptions& o, const std::string& bytes,
                              const std::string& name) {
    CURL* curl = curl_easy_init();
    std::string url = base(o.server) + "/api/v2/sboms?projectName=" + escape(curl, o.project) +
                      "&projectVersion=" + escape(curl, o.project_version) +
                      "&autoCreate=" + (o.no_auto_create ? "false" : "true");
    if (!o.source.empty()) url += "&source=" + escape(curl, o.source);
    if (!o.parent_name.empty())
        url += "&parentName=" + escape(curl, o.parent_name) +
               "&parentVersion=" + escape(curl, o.parent_version);
    curl_easy_cleanup(curl);
    auto reply = request("POST", url, &bytes);
    if (!reply) return fail(name + ": " + reply.error().message);
    if (reply->status != 202 && reply->status != 200) return fail(name + ": " + refusal(*reply));
    try {
        auto j = nlohmann::json::parse(reply->body);
        return j.at("token").get<std::string>();
    } catch (const nlohmann::json::exception&) {
        return fail(name + ": the server's reply has no token: " + reply->body.substr(0, 200));
    }
}

Result<void> wait_for_job(const PushOptions& o, const std::string& token) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.wait_seconds);
    auto pause = std::chrono::milliseconds(50);
    while (true) {
        auto reply = request("GET", base(o.server) + "/api/v2/jobs/" + token, nullptr);
        if (!reply) return unexpected(reply.error());
        if (reply->status != 200) return fail("job " + token + ": " + refusal(*reply));
        try {
            auto j = nlohmann::json::parse(reply->body);
            std::string status = j.at("status").get<std::string>();
            if (status == "done") return {};
            if (status == "failed")
                return fail("job " + token + " failed: " +
                            (j["error"].is_string() ? j["error"].get<std::string>() : ""));
        } catch (const nlohmann::json::exception& e) {
            return fail("job " + token + ": unreadable status: " + e.what());
        }
        if (std::chrono::steady_clock::now() > deadline)
            return fail("job " + token + " still not done after " + std::to_string(o.wait_seconds) +
                        " s");
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
}

} // namespace kaiyuan::cli
