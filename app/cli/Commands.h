#pragma once
// Factories of the commands in the table (CommandTable.cpp); one file per command.

#include "Command.h"

#include <memory>

namespace qonsul::cli {

std::unique_ptr<Command> makeVersionCommand(Ui &ui);
std::unique_ptr<Command> makeInfoCommand(Ui &ui);
std::unique_ptr<Command> makeMonitorCommand(Ui &ui);
std::unique_ptr<Command> makeValidateCommand(Ui &ui);
std::unique_ptr<Command> makeWatchCommand(Ui &ui);
std::unique_ptr<Command> makeTlsCommand(Ui &ui);
std::unique_ptr<Command> makeTlsCaCommand(Ui &ui);
std::unique_ptr<Command> makeTlsCaCreateCommand(Ui &ui);
std::unique_ptr<Command> makeTlsCertCommand(Ui &ui);
std::unique_ptr<Command> makeTlsCertCreateCommand(Ui &ui);
std::unique_ptr<Command> makeKeygenCommand(Ui &ui);
std::unique_ptr<Command> makeMembersCommand(Ui &ui);
std::unique_ptr<Command> makeReloadCommand(Ui &ui);
std::unique_ptr<Command> makeLeaveCommand(Ui &ui);
std::unique_ptr<Command> makeJoinCommand(Ui &ui);
std::unique_ptr<Command> makeLabCommand(Ui &ui);
std::unique_ptr<Command> makeLabUpCommand(Ui &ui);
std::unique_ptr<Command> makeLabStatusCommand(Ui &ui);
std::unique_ptr<Command> makeLabDownCommand(Ui &ui);
std::unique_ptr<Command> makeLabKillCommand(Ui &ui);
std::unique_ptr<Command> makeLabPauseCommand(Ui &ui);
std::unique_ptr<Command> makeLabResumeCommand(Ui &ui);
std::unique_ptr<Command> makeLabRestartCommand(Ui &ui);
std::unique_ptr<Command> makeLabPartitionCommand(Ui &ui);
std::unique_ptr<Command> makeLabLatencyCommand(Ui &ui);
std::unique_ptr<Command> makeLabLossCommand(Ui &ui);
std::unique_ptr<Command> makeLabHealCommand(Ui &ui);
std::unique_ptr<Command> makeLabCampaignCommand(Ui &ui);
std::unique_ptr<Command> makeForceLeaveCommand(Ui &ui);
std::unique_ptr<Command> makeKvCommand(Ui &ui);
std::unique_ptr<Command> makeKvGetCommand(Ui &ui);
std::unique_ptr<Command> makeKvPutCommand(Ui &ui);
std::unique_ptr<Command> makeKvDeleteCommand(Ui &ui);
std::unique_ptr<Command> makeKvExportCommand(Ui &ui);
std::unique_ptr<Command> makeKvImportCommand(Ui &ui);
std::unique_ptr<Command> makeCatalogCommand(Ui &ui);
std::unique_ptr<Command> makeCatalogDatacentersCommand(Ui &ui);
std::unique_ptr<Command> makeCatalogNodesCommand(Ui &ui);
std::unique_ptr<Command> makeCatalogServicesCommand(Ui &ui);
std::unique_ptr<Command> makeServicesCommand(Ui &ui);
std::unique_ptr<Command> makeServicesRegisterCommand(Ui &ui);
std::unique_ptr<Command> makeServicesDeregisterCommand(Ui &ui);
std::unique_ptr<Command> makeLockCommand(Ui &ui);
std::unique_ptr<Command> makeMaintCommand(Ui &ui);
std::unique_ptr<Command> makeEventCommand(Ui &ui);
std::unique_ptr<Command> makeExecCommand(Ui &ui);
std::unique_ptr<Command> makeRttCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionCreateCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionDeleteCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionGetCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionCheckCommand(Ui &ui);
std::unique_ptr<Command> makeIntentionMatchCommand(Ui &ui);
std::unique_ptr<Command> makeConnectCommand(Ui &ui);
std::unique_ptr<Command> makeConnectCaCommand(Ui &ui);
std::unique_ptr<Command> makeConnectProxyCommand(Ui &ui);
std::unique_ptr<Command> makeConnectCaGetConfigCommand(Ui &ui);
std::unique_ptr<Command> makeConnectCaSetConfigCommand(Ui &ui);
std::unique_ptr<Command> makeOperatorCommand(Ui &ui);
std::unique_ptr<Command> makeOperatorRaftCommand(Ui &ui);
std::unique_ptr<Command> makeOperatorRaftListPeersCommand(Ui &ui);
std::unique_ptr<Command> makeOperatorRaftRemovePeerCommand(Ui &ui);
std::unique_ptr<Command> makeSnapshotCommand(Ui &ui);
std::unique_ptr<Command> makeSnapshotSaveCommand(Ui &ui);
std::unique_ptr<Command> makeSnapshotRestoreCommand(Ui &ui);
std::unique_ptr<Command> makeSnapshotInspectCommand(Ui &ui);

} // namespace qonsul::cli
