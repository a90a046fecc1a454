#pragma once
// Applies committed commands to the state store at their log index.

#include "fsm/Command.h"
#include "state/StateStore.h"

namespace qonsul::fsm {

class Fsm
{
public:
    explicit Fsm(state::StateStore &store) : m_store(store) {}
    ApplyResult apply(uint64_t index, const Command &command);

private:
    state::StateStore &m_store;
};

} // namespace qonsul::fsm
