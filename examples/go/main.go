// An answer file from Go: `pulumi package add <checkout>/plugin` generates the SDK into sdks/unattend
// and points go.mod at it; then `pulumi up`.
package main

import (
	"example.com/pulumi-unattend/sdk/go/unattend"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		path := cfg.Get("path")
		if path == "" {
			path = "out/autounattend.xml"
		}
		file, err := unattend.NewUnattendFile(ctx, "answer", &unattend.UnattendFileArgs{
			Path:          pulumi.String(path),
			Architectures: unattend.ArchitectureArray{unattend.ArchitectureAmd64},
			Settings: &unattend.UnattendSettingsArgs{
				Generalize: &unattend.GeneralizeSettingsArgs{
					MicrosoftWindowsWorkstationService: &unattend.WorkstationService_generalizeArgs{
						AllowInsecureGuestAuth: unattend.Int0To1(cfg.GetInt("allowInsecureGuestAuth")),
					},
				},
				OobeSystem: &unattend.OobeSystemSettingsArgs{
					MicrosoftWindowsShellSetup: &unattend.ShellSetup_oobeSystemArgs{
						OOBE: &unattend.ShellSetup_OOBEArgs{
							HideEULAPage:  pulumi.Bool(true),
							ProtectYourPC: unattend.Int1To3Three,
						},
						UserAccounts: &unattend.ShellSetup_UserAccountsArgs{
							AdministratorPassword: cfg.RequireSecret("adminPassword"),
						},
					},
				},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("xml", file.Xml)
		ctx.Export("sha256", file.Sha256)
		ctx.Export("changes", file.Changes)
		return nil
	})
}
