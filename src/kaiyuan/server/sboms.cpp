#include "kaiyuan/format/format.hpp"
#include "kaiyuan/jobs/sbom_upload.hpp"
#include "kaiyuan/jobs/worker.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

std::string media_type(format::Format f) {
    switch (f) {
    case format::Format::cyclonedx_xml:
        return "application/vnd.cyclonedx+xml";
    case format::Format::cyclonedx_json:
        return "application/vnd.cyclonedx+json";
    case format::Format::spdx_json:
        return "application/spdx+json";
    case format::Format::spdx3_json:
        return "application/ld+json";
    case format::Format::spdx_tv:
        return "text/spdx";
    case format::Format::table:
        return "text/plain";
    case format::Format::json:
        return "application/json";
    }
    return "application/octet-stream";
}

Response upload_response(const std::string& token, const store::Project& p) {
    auto r = json_response(
        {{"token", token}, {"project", p.uuid}, {"status", "/api/v2/jobs/" + token}}, 202);
    r.headers.emplace_back("Location", "/api/v2/jobs/" + token);
    return r;
}

Response refuse_or_fail(const Error& e, const std::string& refused) {
    if (!refused.empty()) return problem(400, refused);
    return store_error(e);
}

} // namespace

Result<std::string> accept_upload(Context& c, const store::Project& project,
                                  const std::string& source, const std::string& content,
                                  std::string& refused) {
    auto checked = jobs::check_sbom(content, "the uploaded SBOM");
    if (!checked) {
        refused = checked.error().message;
        return unexpected(checked.error());
    }
    auto token = c.store.enqueue_upload(c.access, project, source, content);
    if (!token) return token;
    if (c.workers) c.workers->notify();
    return token;
}

Response upload_sbom(Context& c) {
    const Request& r = c.request;
    std::string name = r.param("projectName"), version = r.param("projectVersion");
    if (name.empty())
        return problem(400, "say which project the SBOM is for: projectName (and projectVersion)");
    bool auto_create = r.param("autoCreate") == "true";
    auto project = c.store.project_for_upload(c.access, name, version, auto_create,
                                              r.param("parentName"), r.param("parentVersion"));
    if (!project) return store_error(project.error());
    std::string refused;
    auto token = accept_upload(c, *project, r.param("source"), r.body, refused);
    if (!token) return refuse_or_fail(token.error(), refused);
    return upload_response(*token, *project);
}

Response upload_project_sbom(Context& c) {
    auto project = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!project) return store_error(project.error());
    std::string refused;
    auto token = accept_upload(c, *project, c.request.param("source"), c.request.body, refused);
    if (!token) return refuse_or_fail(token.error(), refused);
    return upload_response(*token, *project);
}

Response list_project_sboms(Context& c) {
    auto list = c.store.list_sboms(c.access, c.request.path_params.at("uuid"));
    if (!list) return store_error(list.error());
    auto w = window_param(c.request, list->size());
    if (!w) return problem(400, w.error().message);
    json items = json::array();
    for (std::size_t i = w->first; i < w->last; ++i)
        items.push_back(sbom_json((*list)[i]));
    return json_response({{"items", items}, {"total", list->size()}});
}

Response get_sbom(Context& c) {
    auto s = c.store.get_sbom(c.access, c.request.path_params.at("uuid"));
    if (!s) return store_error(s.error());
    return json_response(sbom_json(*s));
}

Response sbom_content(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    auto content = c.store.sbom_content(c.access, uuid);
    if (!content) return store_error(content.error());
    std::string wanted = c.request.param("format", "original");
    Response r;
    if (wanted == "original") {
        auto f = format::detect(*content);
        r.content_type = f ? media_type(*f) : "application/octet-stream";
        r.body = std::move(*content);
        return r;
    }
    auto f = format::parse_format(wanted);
    if (!f || *f == format::Format::table)
        return problem(400, "format '" + wanted + "': " +
                                (f ? std::string("not an SBOM format") : f.error().message));
    auto sbom = format::read(*content, "SBOM " + uuid);
    if (!sbom) return problem(500, "the stored SBOM no longer reads: " + sbom.error().message);
    r.content_type = media_type(*f);
    r.body = format::write(*sbom, *f);
    for (const auto& loss : format::losses(*sbom, *f))
        r.headers.emplace_back("Kaiyuan-Conversion-Loss", loss);
    return r;
}

Response get_job(Context& c) {
    auto j = c.store.job(c.access, c.request.path_params.at("token"));
    if (!j) return store_error(j.error());
    return json_response(job_json(*j));
}

} // namespace kaiyuan::server
