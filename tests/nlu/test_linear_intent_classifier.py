"""The intent classifier: a linear model (svm or logistic regression) over TF-IDF-weighted n-gram counts."""
import numpy as np
import pytest
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_intent_classifier import (LinearIntentClassifier, fit_temperature, fit_weights,
                                              intent_probabilities, inverse_document_frequency, tfidf)

EXAMPLES = {
    "unpaid_wages": ["my boss did not pay my salary", "no salary for two months", "salary is late again",
                     "employer not pay wages", "they cut my pay"],
    "passport_retention": ["the boss keeps my passport", "agent took my passport", "can i get my passport back",
                           "employer hold my passport", "passport taken by company"],
    "greet": ["hello", "hi there", "good morning", "hello friend", "hi"],
}


def test_tfidf_rows_have_unit_length_and_common_ngrams_weigh_less():
    counts = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 4], [1, 0, 0]]))
    idf = inverse_document_frequency(counts)
    assert idf[0] < idf[1]  # in every row: least telling
    weighted = tfidf(counts, idf).toarray()
    assert np.allclose(np.linalg.norm(weighted, axis=1), 1.0)
    assert weighted[1, 2] / weighted[1, 0] < 4 * idf[2] / idf[0]  # four times the count is not four times the weight
    dense = np.where(counts.toarray() > 0, 1 + np.log(np.maximum(counts.toarray(), 1)), 0) * idf
    assert np.allclose(weighted, dense / np.linalg.norm(dense, axis=1, keepdims=True))


def test_the_fitted_temperature_is_the_one_that_made_the_labels():
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(4000, 5))
    probabilities = np.exp(3.0 * scores) / np.exp(3.0 * scores).sum(axis=1, keepdims=True)
    truth = np.array([rng.choice(5, p=p) for p in probabilities])
    assert fit_temperature(scores, truth) == pytest.approx(3.0, rel=0.15)


def test_the_temperature_changes_confidences_but_never_the_first_choice():
    features = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.4]] * 4))
    weights = fit_weights(features, ["a", "b", "a"] * 4, {**LinearIntentClassifier.get_default_config()})
    cold = intent_probabilities(features, {**weights, "temperature": np.array(1.0)})
    warm = intent_probabilities(features, weights)
    assert float(weights["temperature"]) != 1.0
    assert (cold.argmax(axis=1) == warm.argmax(axis=1)).all()
    assert not np.allclose(cold, warm)


@pytest.fixture(params=[("svm", None), ("svm", "balanced"), ("logistic_regression", None),
                        ("logistic_regression", "balanced")], ids=lambda p: f"{p[0]}-{p[1] or 'unweighted'}")
def trained(tmp_path, request):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    messages = [Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    data = TrainingData(messages)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process_training_data(data)
    featurizers = [CountVectorsFeaturizer.create({**CountVectorsFeaturizer.get_default_config(), **config}, storage,
                                                 Resource(f"cv{i}"), context)
                   for i, config in enumerate([{}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}])]
    for featurizer in featurizers:
        featurizer.train(data)
        featurizer.process_training_data(data)
    resource = Resource("linear")
    model, class_weight = request.param
    config = {"model": model, "class_weight": class_weight}
    LinearIntentClassifier.create(config, storage, resource, context).train(data)
    classifier = LinearIntentClassifier.load(config, storage, resource, context)

    def parse(text):
        message = Message(data={"text": text})
        tokenizer.process([message])
        for featurizer in featurizers:
            featurizer.process([message])
        classifier.process([message])
        return message

    return parse


def test_a_trained_and_reloaded_classifier_recognises_new_wordings(trained):
    assert trained("boss no pay my salary").get("intent")["name"] == "unpaid_wages"
    assert trained("agent keeps passport").get("intent")["name"] == "passport_retention"
    assert trained("hello hello").get("intent")["name"] == "greet"


def test_confidences_are_a_ranked_probability_distribution(trained):
    message = trained("my pasport was taken")
    ranking = message.get("intent_ranking")
    confidences = [r["confidence"] for r in ranking]
    assert ranking[0] == message.get("intent") and ranking[0]["name"] == "passport_retention"
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0) and len(ranking) == 3


def test_an_unknown_model_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown model 'forest'"):
        fit_weights(sp.csr_matrix(np.eye(2)), ["a", "b"], {**LinearIntentClassifier.get_default_config(),
                                                           "model": "forest"})


def test_a_message_sharing_nothing_with_the_training_data_gets_no_confident_intent(trained):
    message = trained("zzzz qqqq")
    assert message.get("intent")["confidence"] < 0.5
