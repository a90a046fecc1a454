#pragma once
// The JSON shapes of Connect's API objects (reference §14.6 and §15.2), in Consul's field order.

#include "state/Records.h"
#include "util/JsonWriter.h"

#include <vector>

namespace qonsul::http {

void writeIntention(JsonWriter &w, const state::Intention &i);
void writeIntentions(JsonWriter &w, const std::vector<const state::Intention *> &list);
// IndexedCARoots: {"ActiveRootID", "TrustDomain", "Roots": [...]}; signing keys never shown.
void writeCaRoots(JsonWriter &w, const std::vector<state::CaRoot> &roots,
                  const std::string &trustDomain);
// CAConfiguration: Provider, Config (keys sorted, a PrivateKey shown as "hidden"), indexes.
void writeCaConfig(JsonWriter &w, const state::CaConfig &config);
// A free JSON object stored as compact text, written in Go's map order (sorted keys).
void writeJsonObjectText(JsonWriter &w, const std::string &json);

} // namespace qonsul::http
