package io.realtimestore.console.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (a development build has none). */
class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VoiceConsoleCommand.class.getPackage().getImplementationVersion();
        return new String[] {"voice-console " + (version == null ? "(development build)" : version)};
    }
}
