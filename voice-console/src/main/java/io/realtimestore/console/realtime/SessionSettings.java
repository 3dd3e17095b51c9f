package io.realtimestore.console.realtime;

/**
 * What the console asks of the session.
 *
 * @param voice the assistant's voice, or null for the service's choice
 * @param instructions the system instructions (direct mode only: the gateway owns its own)
 * @param transcriptionModel the model (on Azure: the deployment) that transcribes the user's speech, or null for none
 *        (direct mode only: the gateway sets transcription up itself)
 * @param textOnly ask for written answers only (no audio)
 */
public record SessionSettings(String voice, String instructions, String transcriptionModel, boolean textOnly) {

    public static final String DEFAULT_INSTRUCTIONS = """
            You are a friendly voice assistant talking with someone through a terminal. Keep answers short and \
            conversational, two or three sentences, and ask when something is unclear.""";
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";
}
