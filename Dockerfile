# The pokin API. Used by docker-compose.yml, which runs Neo4j beside it.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY visualize ./visualize
COPY seed ./seed
COPY cypher ./cypher
COPY pokin ./pokin
RUN pip install --no-cache-dir -e .
EXPOSE 8000
# Load the seed cascade (idempotent), then serve.
CMD ["sh", "-c", "pokin load --replace && pokin serve"]
