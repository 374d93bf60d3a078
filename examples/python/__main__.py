"""An answer file from Python: `pulumi package add <checkout>/plugin` generates the SDK (pulumi_unattend) into
sdks/unattend, adds it to requirements.txt and installs it into the virtual environment; then `pulumi up`."""
import pulumi
import pulumi_unattend as unattend

config = pulumi.Config()
answer = unattend.UnattendFile(
    "answer",
    path=config.get("path") or "out/autounattend.xml",
    architectures=[unattend.Architecture.AMD64],
    settings=unattend.UnattendSettingsArgs(
        generalize=unattend.GeneralizeSettingsArgs(
            microsoft__windows__workstation_service=unattend.WorkstationService_generalizeArgs(
                allow_insecure_guest_auth=unattend.Int0To1(config.get_int("allowInsecureGuestAuth", 0)),
            ),
        ),
        oobe_system=unattend.OobeSystemSettingsArgs(
            microsoft__windows__shell__setup=unattend.ShellSetup_oobeSystemArgs(
                oobe=unattend.ShellSetup_OOBEArgs(hide_eula_page=True, protect_your_pc=unattend.Int1To3.THREE),
                user_accounts=unattend.ShellSetup_UserAccountsArgs(administrator_password=config.require_secret("adminPassword")),
            ),
        ),
    ),
)

pulumi.export("xml", answer.xml)
pulumi.export("sha256", answer.sha256)
pulumi.export("changes", answer.changes)
