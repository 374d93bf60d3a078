"""An answer file from Python: `pulumi package add <checkout>/plugin` generates the SDK (pulumi_unattend)."""
import pulumi
import pulumi_unattend as unattend

config = pulumi.Config()
answer = unattend.UnattendFile(
    "answer",
    path=config.get("path") or "out/autounattend.xml",
    architectures=[unattend.Architecture.AMD64],
    settings={
        "generalize": {
            "microsoft__windows__workstation_service": {
                "allow_insecure_guest_auth": unattend.WorkstationService_AllowInsecureGuestAuth.V0,
            },
        },
        "oobe_system": {
            "microsoft__windows__shell__setup": {
                "oobe": {"hide_eula_page": True, "protect_your_pc": unattend.ShellSetup_OOBE_ProtectYourPC.V3},
                "user_accounts": {"administrator_password": config.require_secret("adminPassword")},
            },
        },
    },
)

pulumi.export("xml", answer.xml)
pulumi.export("sha256", answer.sha256)
pulumi.export("changes", answer.changes)
