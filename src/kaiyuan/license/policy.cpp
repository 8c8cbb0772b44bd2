#include "kaiyuan/license/policy.hpp"

#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <algorithm>

namespace kaiyuan::license {

namespace {

std::string current_id(const std::string& id) {
    auto e = model::LicenseExpression::license(id).simplified();
    return e.id();
}

void add(PolicyVerdict& v, std::string reason) {
    v.accepted = false;
    if (std::find(v.reasons.begin(), v.reasons.end(), reason) == v.reasons.end())
        v.reasons.push_back(std::move(reason));
}

PolicyVerdict check_license(const Policy& p, const std::string& raw) {
    PolicyVerdict v;
    std::string id = current_id(raw);
    Category c = category_of_license(id);
    if (p.deny.contains(id)) {
        add(v, id + " is denied");
    } else if (p.deny_categories.contains(c)) {
        add(v, id + " is " + to_string(c) + ", a denied category");
    } else if ((!p.allow.empty() || !p.allow_categories.empty()) && !p.allow.contains(id) &&
               !p.allow_categories.contains(c)) {
        add(v, id + " (" + to_string(c) + ") is not allowed");
    }
    return v;
}

PolicyVerdict check(const Policy& p, const model::LicenseExpression& e) {
    using Kind = model::LicenseExpression::Kind;
    switch (e.kind()) {
    case Kind::license:
        return check_license(p, e.id());
    case Kind::with: {
        PolicyVerdict v = check(p, e.operands().front());
        if (p.deny.contains(e.id())) add(v, e.id() + " is denied");
        return v;
    }
    case Kind::and_: {
        PolicyVerdict v;
        for (const auto& op : e.operands())
            for (auto& r : check(p, op).reasons)
                add(v, std::move(r));
        return v;
    }
    case Kind::or_: {
        PolicyVerdict v;
        for (const auto& op : e.operands()) {
            PolicyVerdict one = check(p, op);
            if (one.accepted) return one;
            for (auto& r : one.reasons)
                add(v, std::move(r));
        }
        return v;
    }
    }
    return {};
}

/// One license or exception id, or LicenseRef-, into allow or deny.
Result<void> add_id(Policy& p, bool allow, std::string_view text) {
    std::string_view raw = text;
    bool plus = raw.ends_with('+');
    if (plus) raw.remove_suffix(1);
    std::string id = model::canonical_license_id(raw);
    if (!id.empty() && plus) id += '+';
    if (id.empty()) id = model::canonical_exception_id(text);
    if (id.empty() && model::is_license_ref(text)) id = std::string(text);
    if (id.empty())
        return fail("'" + std::string(text) + "' is not an SPDX license or exception id");
    (allow ? p.allow : p.deny).insert(current_id(id));
    return {};
}

} // namespace

Result<void> add_to_policy(Policy& policy, bool allow, std::string_view entry) {
    std::string text(util::trim(entry));
    Category c;
    if (parse_category(text, c)) {
        (allow ? policy.allow_categories : policy.deny_categories).insert(c);
        return {};
    }
    if (text.find_first_of(" ()") == std::string::npos) return add_id(policy, allow, text);
    auto e = model::LicenseExpression::parse(text);
    if (!e)
        return fail("'" + text + "' is neither a license id, a category nor an SPDX expression (" +
                    e.error().message + ")");
    // Every id and exception the expression names.
    std::vector<const model::LicenseExpression*> todo{&*e};
    while (!todo.empty()) {
        const auto* x = todo.back();
        todo.pop_back();
        if (x->kind() == model::LicenseExpression::Kind::license ||
            x->kind() == model::LicenseExpression::Kind::with)
            if (auto added = add_id(policy, allow, x->id()); !added) return added;
        for (const auto& op : x->operands())
            todo.push_back(&op);
    }
    return {};
}

Result<Policy> read_policy(std::string_view text, const std::string& path) {
    auto doc = util::parse_yaml(text);
    if (!doc) return fail(path + ": " + doc.error().message);
    if (!doc->is_mapping()) return fail(path + ": a policy is a mapping of allow, deny, ...");
    Policy p;
    for (const auto& [key, node] : doc->entries) {
        auto where = path + ":" + std::to_string(node.line) + ": ";
        bool ids = key == "allow" || key == "deny";
        bool categories = key == "allow-categories" || key == "deny-categories";
        if (!ids && !categories)
            return fail(where + "unknown key '" + key +
                        "' (allow, deny, allow-categories, deny-categories)");
        if (node.kind != util::YamlNode::Kind::sequence && node.kind != util::YamlNode::Kind::null)
            return fail(where + key + " is a list");
        for (const auto& item : node.items) {
            if (ids) {
                if (auto added = add_id(p, key == "allow", item.value); !added)
                    return fail(path + ":" + std::to_string(item.line) + ": " +
                                added.error().message);
            } else {
                Category c;
                if (!parse_category(item.value, c))
                    return fail(path + ":" + std::to_string(item.line) + ": '" + item.value +
                                "' is not a category (permissive, weak-copyleft, "
                                "strong-copyleft, network-copyleft, public-domain, unknown)");
                (key == "allow-categories" ? p.allow_categories : p.deny_categories).insert(c);
            }
        }
    }
    return p;
}

Result<Policy> read_policy_file(const std::string& path) {
    auto text = util::read_file(path, 1u << 20);
    if (!text) return unexpected(text.error());
    return read_policy(*text, path);
}

PolicyVerdict evaluate(const Policy& policy, const model::LicenseExpression& expression) {
    return check(policy, expression);
}

Category category_of_license(const std::string& id) {
    std::string bare = id.ends_with('+') ? id.substr(0, id.size() - 1) : id;
    const LicenseInfo* l = find_license(bare);
    return l ? l->category : category_of(bare, false);
}

Category strictest_category(const model::LicenseExpression& expression) {
    auto rank = [](Category c) {
        switch (c) {
        case Category::public_domain:
            return 0;
        case Category::permissive:
            return 1;
        case Category::unknown:
            return 2;
        case Category::weak_copyleft:
            return 3;
        case Category::strong_copyleft:
            return 4;
        case Category::network_copyleft:
            return 5;
        }
        return 2;
    };
    Category out = Category::public_domain;
    bool any = false;
    for (const auto& id : expression.license_ids()) {
        Category c = category_of_license(current_id(id));
        if (!any || rank(c) > rank(out)) out = c;
        any = true;
    }
    return any ? out : Category::unknown;
}

} // namespace kaiyuan::license
