#include "kaiyuan/catalog/python/requirement.hpp"

#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/util/strings.hpp"

#include <cctype>

namespace kaiyuan::catalog::python {

namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// The name a URL requirement carries: "#egg=name" or a wheel/sdist file name.
std::string name_from_url(std::string_view url) {
    if (auto egg = url.find("#egg="); egg != std::string_view::npos) {
        std::string_view n = url.substr(egg + 5);
        return std::string(n.substr(0, n.find_first_of("&[ ")));
    }
    std::string_view file = url.substr(url.rfind('/') + 1);
    if (file.ends_with(".whl")) return std::string(file.substr(0, file.find('-')));
    for (std::string_view ext : {".tar.gz", ".zip", ".tar.bz2"}) {
        if (!file.ends_with(ext)) continue;
        file.remove_suffix(ext.size());
        auto dash = file.rfind('-');
        return dash == std::string_view::npos ? std::string() : std::string(file.substr(0, dash));
    }
    return {};
}

std::string version_from_url(std::string_view url) {
    std::string_view file = url.substr(url.rfind('/') + 1);
    file = file.substr(0, file.find('#'));
    if (file.ends_with(".whl")) {
        auto parts = util::split(file, '-');
        return parts.size() > 2 ? std::string(parts[1]) : std::string();
    }
    for (std::string_view ext : {".tar.gz", ".zip", ".tar.bz2"}) {
        if (!file.ends_with(ext)) continue;
        file.remove_suffix(ext.size());
        auto dash = file.rfind('-');
        return dash == std::string_view::npos ? std::string() : std::string(file.substr(dash + 1));
    }
    return {};
}

} // namespace

std::string Requirement::pinned_version() const {
    std::string_view s = util::trim(specifier);
    if (s.find(',') != std::string_view::npos) return {};
    if (s.starts_with("==="))
        s.remove_prefix(3);
    else if (s.starts_with("=="))
        s.remove_prefix(2);
    else
        return {};
    s = util::trim(s);
    if (s.empty() || s.find('*') != std::string_view::npos) return {};
    return std::string(s);
}

Result<Requirement> parse_requirement(std::string_view text) {
    Requirement r;
    std::string_view s = util::trim(text);
    if (auto semi = s.find(';'); semi != std::string_view::npos) {
        r.marker = std::string(util::trim(s.substr(semi + 1)));
        s = util::trim(s.substr(0, semi));
    }
    if (s.find("://") != std::string_view::npos && s.find(" @ ") == std::string_view::npos &&
        s.find('@') > s.find("://")) {
        r.url = std::string(s);
        r.name = name_from_url(s);
        if (r.name.empty()) return fail("no package name in URL '" + std::string(s) + "'");
        if (auto v = version_from_url(s); !v.empty()) r.specifier = "==" + v;
        return r;
    }
    std::size_t i = 0;
    while (i < s.size() && name_char(s[i]))
        ++i;
    if (i == 0 || !std::isalnum(static_cast<unsigned char>(s[0])))
        return fail("not a requirement: '" + std::string(s) + "'");
    r.name = std::string(s.substr(0, i));
    s = util::trim(s.substr(i));
    if (s.starts_with('[')) {
        auto close = s.find(']');
        if (close == std::string_view::npos) return fail("unclosed '[' in extras");
        for (auto e : util::split(s.substr(1, close - 1), ','))
            if (auto t = util::trim(e); !t.empty()) r.extras.emplace_back(t);
        s = util::trim(s.substr(close + 1));
    }
    if (s.starts_with('@')) {
        r.url = std::string(util::trim(s.substr(1)));
        if (r.url.empty()) return fail("'@' without a URL");
        return r;
    }
    if (s.starts_with('(') && s.ends_with(')')) s = s.substr(1, s.size() - 2);
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) ||
              std::string_view("<>=!~,.*+ -_").find(c) != std::string_view::npos))
            return fail("unexpected '" + std::string(1, c) + "' in version specifier");
    if (!s.empty() && std::string_view("<>=!~").find(s.front()) == std::string_view::npos)
        return fail("version specifier must start with an operator: '" + std::string(s) + "'");
    std::string spec;
    for (char c : s)
        if (c != ' ') spec += c;
    r.specifier = spec;
    return r;
}

RequirementsFile read_requirements(std::string_view text, const model::Location& location) {
    RequirementsFile out;
    auto diag = [&](std::string msg, std::uint32_t line) {
        out.diagnostics.push_back(
            {model::Severity::warning, {location.path, location.layer, line}, std::move(msg)});
    };
    std::string logical;
    std::uint32_t number = 0, start = 0;
    auto handle = [&](std::string_view line, std::uint32_t at) {
        // Comments start at a '#' at the line start or after whitespace.
        for (std::size_t p = 0; p < line.size(); ++p)
            if (line[p] == '#' && (p == 0 || line[p - 1] == ' ' || line[p - 1] == '\t')) {
                line = line.substr(0, p);
                break;
            }
        line = util::trim(line);
        if (line.empty()) return;
        auto option_value = [&](std::string_view l) {
            auto cut = l.find_first_of("= ");
            return cut == std::string_view::npos ? std::string()
                                                 : std::string(util::trim(l.substr(cut + 1)));
        };
        if (line.starts_with("-r ") || line.starts_with("--requirement")) {
            out.includes.push_back(option_value(line));
            return;
        }
        if (line.starts_with("-c ") || line.starts_with("--constraint")) {
            out.constraints.push_back(option_value(line));
            return;
        }
        bool editable = false;
        if (line.starts_with("-e ") || line.starts_with("--editable")) {
            editable = true;
            line = util::trim(line.substr(line.find_first_of("= ") + 1));
        } else if (line.starts_with('-')) {
            return; // global options: --index-url, --find-links, --no-binary, ...
        }
        // Per-requirement options follow the requirement: --hash=..., --config-settings=...
        std::vector<std::string> hashes;
        if (auto opt = line.find(" --"); opt != std::string_view::npos) {
            for (auto part : util::split(line.substr(opt), ' ')) {
                part = util::trim(part);
                if (part.starts_with("--hash=")) hashes.emplace_back(part.substr(7));
            }
            line = util::trim(line.substr(0, opt));
        }
        if (editable && (line.starts_with('.') || line.starts_with('/')) &&
            line.find("#egg=") == std::string_view::npos) {
            diag("editable local project '" + std::string(line) +
                     "' has no name here (the project's own metadata names it); not listed",
                 at);
            return;
        }
        auto r = parse_requirement(line);
        if (!r) {
            diag(r.error().message + "; line skipped", at);
            return;
        }
        r->hashes = std::move(hashes);
        out.requirements.emplace_back(std::move(*r), at);
    };
    for (std::string_view raw : util::split(text, '\n')) {
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        if (logical.empty()) start = number;
        if (raw.ends_with('\\')) {
            logical += std::string(raw.substr(0, raw.size() - 1)) + " ";
            continue;
        }
        logical += std::string(raw);
        handle(logical, start);
        logical.clear();
    }
    if (!logical.empty()) handle(logical, start);
    return out;
}

CatalogResult
requirements_components(const RequirementsFile& file, const model::Location& location,
                        const std::vector<std::pair<std::string, std::string>>& constraints) {
    CatalogResult out;
    out.diagnostics = file.diagnostics;
    for (const auto& [req, line] : file.requirements) {
        std::string version = req.pinned_version();
        std::string pinned_by;
        if (version.empty())
            for (const auto& [name, v] : constraints)
                if (name == normalize_name(req.name)) {
                    version = v;
                    pinned_by = "constraints";
                }
        model::Component c = pypi_component(util::sanitize_text(req.name), version, location, line);
        if (!req.specifier.empty() && req.pinned_version().empty())
            c.properties["kaiyuan:python:specifier"] = util::sanitize_text(req.specifier);
        if (!pinned_by.empty()) c.properties["kaiyuan:python:pinned-by"] = pinned_by;
        if (!req.marker.empty())
            c.properties["kaiyuan:python:marker"] = util::sanitize_text(req.marker);
        if (!req.url.empty()) c.properties["kaiyuan:python:url"] = util::sanitize_text(req.url);
        std::string extras;
        for (const auto& e : req.extras)
            extras += (extras.empty() ? "" : ",") + e;
        if (!extras.empty()) c.properties["kaiyuan:python:extras"] = util::sanitize_text(extras);
        for (const auto& h : req.hashes)
            if (h.starts_with("sha256:")) c.hashes.push_back({"SHA256", h.substr(7)});
        c.properties["kaiyuan:direct"] = "true";
        out.components.push_back(std::move(c));
    }
    return out;
}

} // namespace kaiyuan::catalog::python
