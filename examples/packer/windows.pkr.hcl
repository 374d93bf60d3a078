# A Packer template that installs Windows Server from its ISO with the
# Autounattend.xml this example writes. Not executed by this project's tests
# (Packer is not installed on its machines); tests/delivery.test.ts checks the
# file name and where the file goes.
#
#   pulumi up                      # or: unattend render unattend.yaml -o out/Autounattend.xml
#   packer init . && packer build -var "winrm_password=..." .

packer {
  required_plugins {
    qemu = {
      source  = "github.com/hashicorp/qemu"
      version = ">= 1.1.0"
    }
  }
}

variable "unattend_path" {
  type        = string
  default     = "out/Autounattend.xml"
  description = "The answer file: `pulumi stack output unattendPath`, or the -o of `unattend render`."
}

variable "winrm_password" {
  type      = string
  sensitive = true
}

variable "iso_url" {
  type    = string
  default = "windows-server-2022.iso"
}

source "qemu" "windows" {
  iso_url      = var.iso_url
  iso_checksum = "none"
  disk_size    = "40G"
  memory       = 4096
  cpus         = 2

  # Windows Setup finds Autounattend.xml at the root of removable media by
  # itself: cd_files puts each file at the root of a CD under its own name.
  # On a floppy instead: floppy_files = [var.unattend_path]
  cd_files = [var.unattend_path]
  cd_label = "UNATTEND"

  # the answer file's winrm({ transport: "https" }) block: HTTPS on 5986 with a
  # self-signed certificate, Basic authentication
  communicator     = "winrm"
  winrm_use_ssl    = true
  winrm_insecure   = true
  winrm_username   = "Administrator"
  winrm_password   = var.winrm_password
  winrm_timeout    = "2h"
  shutdown_command = "shutdown /s /t 10 /f /d p:4:1"
}

build {
  sources = ["source.qemu.windows"]
}
