package dev.roofline.analyzer.config;

/**
 * What a model does before its first layer and after its last beyond gathering the embeddings,
 * the final norm and the LM head: gemma's scaling of the embeddings by √{@code hidden_size}, a
 * soft-capping of the logits ({@code final_logit_softcapping}), a bias on the LM head
 * ({@code lm_head_bias}).
 */
public record ModelEnds(boolean scaledEmbedding, boolean logitSoftCapping, boolean headBias) {

  /** None of them. */
  public static final ModelEnds NONE = new ModelEnds(false, false, false);
}
