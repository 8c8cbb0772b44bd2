#include "kaiyuan/format/json_schema.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

// GCC 12 at -O1 with sanitizers warns that std::regex's own std::function members "may be used
// uninitialized" inside <regex> (a false positive in the library, not in this file).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <algorithm>
#include <mutex>
#include <regex>
#include <unordered_map>
#include <unordered_set>

namespace kaiyuan::format {

using nlohmann::json;

struct JsonSchemaSet::State {
    std::map<std::string, json, std::less<>> schemas;
    /// Compiled patterns, shared by every validation; the server validates on many threads, so
    /// the cache is guarded (a compiled std::regex is then only read, which is thread-safe).
    mutable std::mutex regex_mutex;
    mutable std::map<std::string, std::regex, std::less<>> regexes;
};

namespace {

constexpr std::size_t k_max_pattern_input = 2048;

/// "a.schema.json#/definitions/x" -> {"a.schema.json", "/definitions/x"}; "#/x" -> {"", "/x"}.
std::pair<std::string, std::string> split_ref(const std::string& ref) {
    auto hash = ref.find('#');
    if (hash == std::string::npos) return {ref, ""};
    return {ref.substr(0, hash), ref.substr(hash + 1)};
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/// RFC 3339 full-date: YYYY-MM-DD with a month and a day that can be.
bool is_date(std::string_view s) {
    if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
        !digits(s, 8, 2))
        return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/// RFC 3339 date-time: full-date "T" HH:MM:SS[.frac](Z|+HH:MM|-HH:MM), T and Z in any case.
bool is_date_time(std::string_view s) {
    if (s.size() < 20 || !is_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't')) return false;
    std::string_view t = s.substr(11);
    if (!digits(t, 0, 2) || t[2] != ':' || !digits(t, 3, 2) || t[5] != ':' || !digits(t, 6, 2))
        return false;
    std::size_t i = 8;
    if (i < t.size() && t[i] == '.') {
        std::size_t start = ++i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == start) return false;
    }
    std::string_view zone = t.substr(i);
    if (zone == "Z" || zone == "z") return true;
    return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2) &&
           zone[3] == ':' && digits(zone, 4, 2);
}

class Validator {
public:
    Validator(const JsonSchemaSet::State& state, std::size_t max) : m_state(state), m_max(max) {}

    /// Validates `value` at `path` against `schema` (of document `doc`); returns whether valid.
    /// With `record` false, problems are not written (inside anyOf/oneOf/not/if).
    bool check(const json& schema, const std::string& doc, const json& value,
               const std::string& path, bool record, int depth = 0) {
        if (depth > 200) return fail(record, path, "schema nesting too deep");
        if (schema.is_boolean())
            return schema.get<bool>() || fail(record, path, "no value is allowed here");
        if (!schema.is_object()) return true;
        bool ok = true;
        if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
            // draft-07: $ref makes the schema's other keywords ignored. Each $ref of a schema
            // is resolved once per validation (a 10,000-component document meets the same few
            // hundred thousands of times).
            auto key = std::pair{&*ref, &doc};
            if (auto hit = m_refs.find(key); hit != m_refs.end())
                return check(*hit->second.first, *hit->second.second, value, path, record,
                             depth + 1);
            auto [file, pointer] = split_ref(ref->get<std::string>());
            std::string target_doc = file.empty() ? doc : file;
            auto it = m_state.schemas.find(target_doc);
            if (it == m_state.schemas.end())
                return fail(record, path, "schema refers to unknown " + ref->get<std::string>());
            const json* target = &it->second;
            if (!pointer.empty()) {
                try {
                    target = &it->second.at(json::json_pointer(pointer));
                } catch (const std::exception&) {
                    return fail(record, path,
                                "schema refers to missing " + ref->get<std::string>());
                }
            }
            const std::string& target_name = it->first; // lives as long as the schema set
            m_refs.emplace(key, std::pair{target, &target_name});
            return check(*target, target_name, value, path, record, depth + 1);
        }
        if (auto type = schema.find("type"); type != schema.end() && !type_matches(*type, value)) {
            return fail(record, path,
                        "is " + std::string(value.type_name()) + ", not " + type->dump());
        }
        if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
            bool found = false;
            if (value.is_string() && e->size() > 16) {
                // Long enums of strings (SPDX's ~700 license ids) as a set, built once per
                // validation, instead of comparing each value with every option.
                auto [set, made] = m_string_enums.try_emplace(&*e);
                if (made)
                    for (const auto& option : *e)
                        if (option.is_string()) set->second.insert(option.get<std::string>());
                found = set->second.count(value.get_ref<const std::string&>()) > 0;
            } else {
                for (const auto& option : *e)
                    found |= option == value;
            }
            if (!found)
                ok = fail(record, path,
                          value.dump().substr(0, 80) + " is not one of the allowed values");
        }
        if (auto c = schema.find("const"); c != schema.end() && *c != value)
            ok = fail(record, path, "must be " + c->dump());
        if (value.is_string())
            ok &= check_string(schema, value.get_ref<const std::string&>(), path, record);
        if (value.is_number()) ok &= check_number(schema, value.get<double>(), path, record);
        if (value.is_object()) ok &= check_object(schema, doc, value, path, record, depth);
        if (value.is_array()) ok &= check_array(schema, doc, value, path, record, depth);
        if (auto all = schema.find("allOf"); all != schema.end() && all->is_array())
            for (const auto& s : *all)
                ok &= check(s, doc, value, path, record, depth + 1);
        if (auto any = schema.find("anyOf"); any != schema.end() && any->is_array()) {
            bool matched = false;
            for (const auto& s : *any)
                if (check(s, doc, value, path, false, depth + 1)) {
                    matched = true;
                    break;
                }
            if (!matched) ok = fail(record, path, "matches none of the allowed forms (anyOf)");
        }
        if (auto one = schema.find("oneOf"); one != schema.end() && one->is_array()) {
            int matched = 0;
            for (const auto& s : *one)
                matched += check(s, doc, value, path, false, depth + 1);
            if (matched != 1)
                ok = fail(record, path,
                          matched == 0 ? "matches none of the allowed forms (oneOf)"
                                       : "matches more than one of the exclusive forms (oneOf)");
        }
        if (auto n = schema.find("not");
            n != schema.end() && check(*n, doc, value, path, false, depth + 1))
            ok = fail(record, path, "matches a form that is not allowed (not)");
        if (auto cond = schema.find("if"); cond != schema.end()) {
            bool holds = check(*cond, doc, value, path, false, depth + 1);
            auto branch = schema.find(holds ? "then" : "else");
            if (branch != schema.end()) ok &= check(*branch, doc, value, path, record, depth + 1);
        }
        return ok;
    }

    std::vector<std::string> take() {
        if (m_dropped)
            m_problems.push_back("... and " + std::to_string(m_dropped) + " more schema problems");
        return std::move(m_problems);
    }

private:
    struct PairHash {
        std::size_t operator()(const std::pair<const json*, const std::string*>& p) const {
            return std::hash<const void*>{}(p.first) * 31 + std::hash<const void*>{}(p.second);
        }
    };
    /// Resolved $refs: (the $ref member, the document it is in) -> (target schema, its document).
    std::unordered_map<std::pair<const json*, const std::string*>,
                       std::pair<const json*, const std::string*>, PairHash>
        m_refs;
    std::unordered_map<const json*, std::unordered_set<std::string>> m_string_enums;
    bool fail(bool record, const std::string& path, const std::string& what) {
        if (!record) return false;
        if (m_problems.size() < m_max)
            m_problems.push_back(path + ": " + what);
        else
            ++m_dropped;
        return false;
    }

    static bool type_matches(const json& type, const json& value) {
        auto one = [&](const std::string& t) {
            if (t == "object") return value.is_object();
            if (t == "array") return value.is_array();
            if (t == "string") return value.is_string();
            if (t == "boolean") return value.is_boolean();
            if (t == "null") return value.is_null();
            if (t == "number") return value.is_number();
            if (t == "integer")
                return value.is_number_integer() ||
                       (value.is_number_float() &&
                        std::floor(value.get<double>()) == value.get<double>());
            return true;
        };
        if (type.is_string()) return one(type.get<std::string>());
        if (type.is_array()) {
            for (const auto& t : type)
                if (t.is_string() && one(t.get<std::string>())) return true;
            return false;
        }
        return true;
    }

    bool check_string(const json& schema, const std::string& s, const std::string& path,
                      bool record) {
        bool ok = true;
        if (auto m = schema.find("minLength");
            m != schema.end() && m->is_number() && code_points(s) < m->get<std::size_t>())
            ok = fail(record, path, "shorter than " + m->dump() + " characters");
        if (auto m = schema.find("maxLength");
            m != schema.end() && m->is_number() && code_points(s) > m->get<std::size_t>())
            ok = fail(record, path, "longer than " + m->dump() + " characters");
        if (auto p = schema.find("pattern");
            p != schema.end() && p->is_string() && !matches(p->get_ref<const std::string&>(), s))
            ok = fail(record, path, "'" + s.substr(0, 60) + "' does not match " + p->dump());
        if (auto f = schema.find("format"); f != schema.end() && f->is_string()) {
            const std::string& format = f->get_ref<const std::string&>();
            if (format == "date-time" && !is_date_time(s))
                ok = fail(record, path, "'" + s.substr(0, 40) + "' is not an RFC 3339 date-time");
            if (format == "date" && !is_date(s))
                ok = fail(record, path, "'" + s.substr(0, 40) + "' is not an RFC 3339 date");
        }
        return ok;
    }

    bool matches(const std::string& pattern, const std::string& s) {
        // The most common pattern, "^(.*)$" (any one line), without a regular expression.
        if (pattern == "^(.*)$") return s.find_first_of("\n\r\u2028") == std::string::npos;
        // libstdc++'s std::regex recurses once per character: a string longer than any
        // identifier a schema's pattern describes is not run through it (and not held against
        // the document; docs/cli.md says so).
        if (s.size() > k_max_pattern_input) return true;
        const std::regex* compiled = nullptr;
        {
            std::lock_guard lock(m_state.regex_mutex);
            auto it = m_state.regexes.find(pattern);
            if (it == m_state.regexes.end()) {
                try {
                    it = m_state.regexes
                             .emplace(pattern, std::regex(pattern, std::regex::ECMAScript))
                             .first;
                } catch (const std::regex_error&) {
                    return true; // a pattern std::regex cannot read is not held against the value
                }
            }
            compiled = &it->second; // map nodes stay where they are
        }
        return std::regex_search(s, *compiled);
    }

    bool check_number(const json& schema, double v, const std::string& path, bool record) {
        bool ok = true;
        auto bound = [&](const char* key, auto out_of_range, const char* what) {
            auto b = schema.find(key);
            if (b != schema.end() && b->is_number() && out_of_range(v, b->template get<double>()))
                ok = fail(record, path, std::string(what) + " " + b->dump());
        };
        bound(
            "minimum", [](double x, double b) { return x < b; }, "less than");
        bound(
            "maximum", [](double x, double b) { return x > b; }, "more than");
        bound(
            "exclusiveMinimum", [](double x, double b) { return x <= b; }, "not more than");
        bound(
            "exclusiveMaximum", [](double x, double b) { return x >= b; }, "not less than");
        return ok;
    }

    bool check_object(const json& schema, const std::string& doc, const json& value,
                      const std::string& path, bool record, int depth) {
        bool ok = true;
        if (auto req = schema.find("required"); req != schema.end() && req->is_array())
            for (const auto& k : *req)
                if (k.is_string() && !value.contains(k.get<std::string>()))
                    ok = fail(record, path, "'" + k.get<std::string>() + "' is required");
        const json* props = nullptr;
        const json* patterns = nullptr;
        if (auto p = schema.find("properties"); p != schema.end() && p->is_object()) props = &*p;
        if (auto p = schema.find("patternProperties"); p != schema.end() && p->is_object())
            patterns = &*p;
        auto additional = schema.find("additionalProperties");
        for (auto it = value.begin(); it != value.end(); ++it) {
            std::string child = path + "." + it.key();
            bool known = false;
            if (props)
                if (auto p = props->find(it.key()); p != props->end()) {
                    known = true;
                    ok &= check(*p, doc, *it, child, record, depth + 1);
                }
            if (patterns)
                for (auto p = patterns->begin(); p != patterns->end(); ++p)
                    if (matches(p.key(), it.key())) {
                        known = true;
                        ok &= check(*p, doc, *it, child, record, depth + 1);
                    }
            if (known || additional == schema.end()) continue;
            if (additional->is_boolean() && !additional->get<bool>())
                ok = fail(record, path, "'" + it.key() + "' is not allowed here");
            else if (additional->is_object())
                ok &= check(*additional, doc, *it, child, record, depth + 1);
        }
        return ok;
    }

    bool check_array(const json& schema, const std::string& doc, const json& value,
                     const std::string& path, bool record, int depth) {
        bool ok = true;
        auto size = value.size();
        if (auto m = schema.find("minItems");
            m != schema.end() && m->is_number() && size < m->get<std::size_t>())
            ok = fail(record, path, "fewer than " + m->dump() + " items");
        if (auto m = schema.find("maxItems");
            m != schema.end() && m->is_number() && size > m->get<std::size_t>())
            ok = fail(record, path, "more than " + m->dump() + " items");
        if (auto u = schema.find("uniqueItems");
            u != schema.end() && u->is_boolean() && u->get<bool>()) {
            // By hash, then by value on a hash collision (no item is written out as text).
            std::unordered_multimap<std::size_t, std::size_t> seen;
            for (std::size_t i = 0; i < size; ++i) {
                std::size_t h = std::hash<json>{}(value[i]);
                auto [first, last] = seen.equal_range(h);
                bool repeated = std::any_of(
                    first, last, [&](const auto& e) { return value[e.second] == value[i]; });
                if (repeated) {
                    ok = fail(record, path + "[" + std::to_string(i) + "]",
                              "repeats an earlier item (uniqueItems)");
                    break;
                }
                seen.emplace(h, i);
            }
        }
        auto items = schema.find("items");
        if (items == schema.end()) return ok;
        if (items->is_array()) {
            auto extra = schema.find("additionalItems");
            for (std::size_t i = 0; i < size; ++i) {
                std::string child = path + "[" + std::to_string(i) + "]";
                if (i < items->size())
                    ok &= check((*items)[i], doc, value[i], child, record, depth + 1);
                else if (extra != schema.end()) {
                    if (extra->is_boolean() && !extra->get<bool>()) {
                        ok = fail(record, child, "no more items are allowed here");
                        break;
                    }
                    ok &= check(*extra, doc, value[i], child, record, depth + 1);
                }
            }
        } else {
            for (std::size_t i = 0; i < size; ++i)
                ok &= check(*items, doc, value[i], path + "[" + std::to_string(i) + "]", record,
                            depth + 1);
        }
        return ok;
    }

    const JsonSchemaSet::State& m_state;
    std::size_t m_max;
    std::vector<std::string> m_problems;
    std::size_t m_dropped = 0;
};

} // namespace

JsonSchemaSet::JsonSchemaSet() : m_state(std::make_unique<State>()) {}
JsonSchemaSet::~JsonSchemaSet() = default;
JsonSchemaSet::JsonSchemaSet(JsonSchemaSet&&) noexcept = default;
JsonSchemaSet& JsonSchemaSet::operator=(JsonSchemaSet&&) noexcept = default;

Result<void> JsonSchemaSet::add(const std::string& name, std::string_view schema_text) {
    json schema = json::parse(schema_text, nullptr, false);
    if (schema.is_discarded()) return fail("schema " + name + " is not JSON");
    m_state->schemas[name] = std::move(schema);
    return {};
}

Result<std::vector<std::string>> JsonSchemaSet::validate(std::string_view instance_text,
                                                         const std::string& name,
                                                         std::size_t max_problems) const {
    auto it = m_state->schemas.find(name);
    if (it == m_state->schemas.end()) return fail("no schema " + name);
    // Values nested deeper than any SBOM schema describes are cut off while parsing (the
    // validator, hashing and printing recurse per level): the document is refused for it.
    constexpr int k_max_depth = 256;
    bool too_deep = false;
    json::parser_callback_t limit = [&](int depth, json::parse_event_t, json&) {
        if (depth > k_max_depth) too_deep = true;
        return depth <= k_max_depth;
    };
    json instance = json::parse(instance_text, limit, false);
    if (instance.is_discarded()) return fail("not JSON");
    if (too_deep)
        return std::vector<std::string>{"$: nested deeper than " + std::to_string(k_max_depth) +
                                        " levels"};
    Validator v(*m_state, max_problems);
    v.check(it->second, name, instance, "$", true);
    return v.take();
}

} // namespace kaiyuan::format

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
