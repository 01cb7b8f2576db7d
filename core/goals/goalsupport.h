// Small helpers shared by the goals (test, lint, ...): reading target fields, Pants'
// environment-variable entries, and the hash behind Pants' stable batch boundaries.
#pragma once

#include "core/workspace/target.h"

#include <QJsonObject>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::goals {

/// A field's value, or nullptr when the field is absent or None.
const workspace::HostValue *fieldValue(const workspace::Target &t, std::string_view alias);
/// A string field's value ("" when absent or not a string).
std::string fieldString(const workspace::Target &t, std::string_view alias);
/// The strings of a list field (a lone string counts as a one-element list).
std::vector<std::string> stringList(const workspace::HostValue *v);

/// Applies Pants env-var entries onto `env`: `NAME` copies from `invoking` (skipped when
/// unset), `NAME=value` sets, `PREFIX_*` copies every matching variable.
void applyEnvEntries(const std::vector<std::string> &entries, const std::map<std::string, std::string> &invoking,
                     std::map<std::string, std::string> &env);

/// The top-level object of a JSON document whose "version" field equals `version`;
/// nullopt for malformed JSON, a non-object or another version (cache and history
/// entries written by other Trellis versions read as misses).
std::optional<QJsonObject> parseVersionedJson(const std::string &json, int version);

/// 64-bit FNV-1a; Pants closes a batch after an item whose hash has enough leading zero bits.
std::uint64_t fnv1a64(std::string_view s);

} // namespace trellis::goals
